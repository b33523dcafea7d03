"""Words of the economy page (经济指标), in Chinese and English.

Indicator names reuse the overview's `kpi_<indicator>` keys in ui/strings.py, so a figure is called
the same everywhere.
"""

STRINGS: dict[str, dict[str, str]] = {
    "economy_title": {"zh": "经济指标", "en": "Economy"},
    "economy_caption": {
        "zh": "{scope} · 数据截至 {date} · 发布口径为“全市一区”合计,园区与逐月数据为快照明细",
        "en": "{scope} · data as of {date} · published for the whole “全市一区” scope; "
        "park and monthly detail come from the snapshot",
    },
    # the four indicators
    "economy_section_kpis": {
        "zh": "主要经济指标(1-{month}月累计,同比)",
        "en": "Key indicators (Jan-{month_en} cumulative, on last year)",
    },
    "economy_kpi_prior": {"zh": "上年同期 {value}", "en": "same months last year: {value}"},
    "economy_section_trend": {"zh": "运行趋势与园区分布", "en": "Trend and split by park"},
    "economy_indicator": {"zh": "指标", "en": "Indicator"},
    # trend card
    "economy_trend_title": {"zh": "{indicator}:逐月走势", "en": "{indicator}: month by month"},
    "economy_view": {"zh": "视图", "en": "View"},
    "economy_view_cumulative": {"zh": "累计值", "en": "Cumulative"},
    "economy_view_monthly": {"zh": "当月值与增速", "en": "Monthly value and growth"},
    "economy_series_current": {"zh": "{year}年", "en": "{year}"},
    "economy_series_prior": {"zh": "{year}年同期", "en": "{year} (same months)"},
    "economy_series_growth": {"zh": "当月同比增速", "en": "Monthly growth on last year"},
    "economy_growth_axis": {"zh": "同比增速(%)", "en": "Growth on last year (%)"},
    "economy_cumulative_growth": {"zh": "累计同比", "en": "Cumulative growth"},
    "economy_trend_note": {
        "zh": "逐月数据为快照明细;{month}月累计值({value},{growth})与发布数一致。",
        "en": "Monthly values are the snapshot's detail; the Jan-{month_en} total ({value}, {growth}) "
        "equals the published figure.",
    },
    "economy_trend_note_detail": {
        "zh": "逐月数据为快照明细,文章未发布。",
        "en": "Monthly values are the snapshot's detail; the article does not publish them.",
    },
    # split by park
    "economy_park_title": {"zh": "{indicator}:各园区占比与增速", "en": "{indicator} by park: share and growth"},
    "economy_park_value": {"zh": "1-{month}月累计 · 占全区比重", "en": "Jan-{month_en} total · share of zone"},
    "economy_park_growth": {"zh": "同比增长", "en": "Growth on last year"},
    "economy_zone_growth": {"zh": "全区 {pct}", "en": "Zone {pct}"},
    "economy_park_note_zone": {
        "zh": "文章仅发布全区合计;各园区细分未发布。",
        "en": "Only the zone total is published; the split by park is not.",
    },
    "economy_park_note_one": {
        "zh": "突出显示{park},其余园区保留作对比;各园区细分未发布。",
        "en": "{park} is highlighted, the other parks stay for comparison; the split by park is not published.",
    },
    "economy_col_park": {"zh": "园区", "en": "Park"},
    "economy_col_value": {"zh": "1-{month}月累计({unit})", "en": "Jan-{month_en} ({unit})"},
    "economy_col_prior": {"zh": "上年同期({unit})", "en": "Last year ({unit})"},
    "economy_col_growth": {"zh": "同比增长(%)", "en": "Growth (%)"},
    "economy_col_share": {"zh": "占全区比重(%)", "en": "Share (%)"},
    # money and area units
    "economy_unit_yi": {"zh": "亿元", "en": "CNY m"},
    "economy_unit_wan": {"zh": "万元", "en": "CNY m"},
    "economy_unit_area": {"zh": "万平方米", "en": "million m²"},
    "economy_unit_m2": {"zh": "平方米", "en": "m²"},
    # expansion
    "economy_section_expansion": {"zh": "企业改扩建", "en": "Enterprise expansion"},
    "economy_expansion_park_title": {"zh": "各园区改扩建", "en": "Expansion by park"},
    "economy_expansion_enterprises": {"zh": "改扩建企业(家)", "en": "Enterprises"},
    "economy_expansion_area": {"zh": "建筑面积增量({unit})", "en": "Area ({unit})"},
    "economy_expansion_investment": {"zh": "预计新增投资({unit})", "en": "Investment ({unit})"},
    "economy_expansion_park_note_zone": {
        "zh": "文章仅发布全区合计(91家、332万平方米、199亿元);各园区细分未发布。",
        "en": "Only the zone totals are published (91 enterprises, 3.32 million m², CNY 19.9 bn); "
        "the split by park is not.",
    },
    "economy_size_title": {"zh": "项目规模", "en": "Project size"},
    "economy_size_view": {"zh": "视图", "en": "View"},
    "economy_size_note": {
        "zh": "按计划投资分档,或每点一个项目;项目规模未发布。",
        "en": "By planned-investment band, or one dot a project; project sizes are not published.",
    },
    "economy_size_bands": {"zh": "按投资规模分档", "en": "By investment band"},
    "economy_size_scatter": {"zh": "面积与投资(每点一个项目)", "en": "Area vs investment (one dot a project)"},
    "economy_band_under_50m": {"zh": "5000万元以下", "en": "< CNY 50 m"},
    "economy_band_50m_100m": {"zh": "5000万-1亿元", "en": "CNY 50-100 m"},
    "economy_band_100m_200m": {"zh": "1-2亿元", "en": "CNY 100-200 m"},
    "economy_band_200m_500m": {"zh": "2-5亿元", "en": "CNY 200-500 m"},
    "economy_band_500m_plus": {"zh": "5亿元及以上", "en": "≥ CNY 500 m"},
    "economy_projects_axis": {"zh": "项目数(个)", "en": "Projects"},
    "economy_band_axis": {"zh": "计划投资规模", "en": "Planned investment"},
    "economy_area_axis": {"zh": "新增建筑面积({unit},对数刻度)", "en": "Added floor area ({unit}, log scale)"},
    "economy_investment_axis": {"zh": "计划投资({unit},对数刻度)", "en": "Planned investment ({unit}, log scale)"},
    "economy_projects_title": {"zh": "改扩建项目清单", "en": "Expansion projects"},
    "economy_projects_note": {
        "zh": "共 {n} 个项目;项目明细未经文章发布。",
        "en": "{n} projects; the article does not publish project detail.",
    },
    "economy_no_projects": {
        "zh": "{park}当前没有改扩建项目。",
        "en": "{park} has no expansion projects in this snapshot.",
    },
    "economy_col_project": {"zh": "项目名称", "en": "Project"},
    "economy_col_enterprise": {"zh": "企业名称", "en": "Enterprise"},
    "economy_col_industry": {"zh": "行业", "en": "Industry"},
    "economy_col_area": {"zh": "新增建筑面积({unit})", "en": "Added floor area ({unit})"},
    "economy_col_investment": {"zh": "计划投资({unit})", "en": "Planned investment ({unit})"},
    "economy_col_status": {"zh": "状态", "en": "Status"},
    "economy_col_started": {"zh": "开工日期", "en": "Started on"},
    "economy_status_planning": {"zh": "前期", "en": "Preparation"},
    "economy_status_building": {"zh": "在建", "en": "Under construction"},
    "economy_status_done": {"zh": "竣工", "en": "Completed"},
}
