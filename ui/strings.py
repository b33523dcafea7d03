"""Every word the dashboard shows, in Chinese (the default) and English."""

from ui import (
    strings_access,
    strings_briefing,
    strings_compare,
    strings_data,
    strings_disputes,
    strings_economy,
    strings_grids,
    strings_maps,
)

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

STRINGS: dict[str, dict[str, str]] = {
    # the frame
    "app_title": {"zh": "晋江经济开发区 网格治理数据看板", "en": "Jinjiang EDZ grid governance dashboard"},
    "app_short": {"zh": "网格治理看板", "en": "Grid governance"},
    "filters": {"zh": "筛选", "en": "Filters"},
    "park": {"zh": "园区", "en": "Park"},
    "all_parks": {"zh": "全区(所有园区)", "en": "Whole zone (all parks)"},
    "slide_png": {"zh": "大屏画面 PNG · {scope}", "en": "Big-screen view PNG · {scope}"},
    "slide_png_help": {
        "zh": "数据大屏当前园区与日期的画面,1920×1080,可直接放入汇报幻灯片。点击后生成,约需数秒。",
        "en": "The big screen's view of this park and date, 1920x1080, for a slide. Made when clicked: a few seconds.",
    },
    "snapshot": {"zh": "数据日期", "en": "Data as of"},
    "language": {"zh": "语言", "en": "Language"},
    "page_overview": {"zh": "总览", "en": "Overview"},
    "page_grids": {"zh": "网格覆盖", "en": "Grid coverage"},
    "page_economy": {"zh": "经济指标", "en": "Economy"},
    "page_disputes": {"zh": "劳动纠纷调处", "en": "Labor disputes"},
    "page_maps": {"zh": "园区地图", "en": "Park maps"},
    "page_screen": {"zh": "数据大屏", "en": "Big screen"},
    "source_note": {
        "zh": "已发布数据出自《干部包干下沉 党员深度参与 经济开发区:1179个企业网格织密发展网》,"
        "与文章同口径、同日期且数值一致时才标为已发布。",
        "en": "Published figures come from the article on the zone's 1,179 enterprise grids; a number is tagged "
        "published only where it equals the article's figure for the same scope and date.",
    },
    "source_note_reported": {
        "zh": "本快照为园区报送数据({who},{when} 写入)。",
        "en": "This snapshot is the zone's reported data (from {who}, written {when}).",
    },
    "source_note_demo": {
        "zh": "本快照的明细为演示数据(合成),不代表官方统计。",
        "en": "This snapshot's detail is synthetic demo data, not official statistics.",
    },
    "source_note_unrecorded": {
        "zh": "本快照来源未登记:{reason}。其数值既不作为报送数据,也不作为已发布数据。",
        "en": "This snapshot's source is not recorded: {reason}. Its numbers are neither reported nor published.",
    },
    "download_source": {"zh": "数据来源", "en": "Source"},
    "download_snapshot": {"zh": "快照日期", "en": "Snapshot"},
    "download_source_note": {"zh": "来源说明", "en": "About the source"},
    "source_fingerprints": {"zh": "文件指纹:\n\n{files}", "en": "File fingerprints:\n\n{files}"},
    "no_valid_snapshot": {
        "zh": "没有可用的数据快照。请检查 data/snapshots 下的文件。",
        "en": "No valid data snapshot. Check the files under data/snapshots.",
    },
    "store_unreachable": {
        "zh": "数据存储暂时无法连接:显示的是最近一次同步的数据快照。",
        "en": "The data store cannot be reached: showing the snapshots synced last.",
    },
    "copy_repaired": {
        "zh": "数据快照 {dates} 的校验副本已损坏,已删除;本页数据已从原始数据文件重新载入并校验。",
        "en": "The checked copy of snapshot {dates} was damaged and has been removed: "
        "this page's figures were reloaded and checked again from its data files.",
    },
    "snapshots_checking": {
        "zh": "另有 {n} 个数据快照正在校验,通过后即可在此选择。",
        "en": "Still checking {n} more: they can be chosen here once they pass.",
    },
    "invalid_snapshots": {
        "zh": "以下数据快照未通过校验,已停用:",
        "en": "These snapshots failed validation and are not used:",
    },
    "bad_url_value": {
        "zh": "链接中的{param}“{value}”无法识别,已改用默认值。",
        "en": "The link's {param} “{value}” is not recognised; the default is shown instead.",
    },
    # tags
    "tag_published": {"zh": "已发布", "en": "Published"},
    "tag_demo": {"zh": "演示数据", "en": "Demo detail"},
    "tag_reported": {"zh": "报送数据", "en": "Reported"},
    "tag_unrecorded": {"zh": "来源未登记", "en": "Source not recorded"},
    "as_of": {"zh": "截至 {date}", "en": "as of {date}"},
    "zone_only_short": {
        "zh": "文章仅发布全区合计,本园区数值未发布",
        "en": "Only the zone total is published; this park's share is not",
    },
    "published_source": {"zh": "来源:{sentence}", "en": "Source (article): {sentence}"},
    "demo_help": {
        "zh": "演示数据:由种子固定的生成器合成,用于展示结构,不是官方统计。",
        "en": "Demo detail: synthesised by a seeded generator to show the structure; not official statistics.",
    },
    "reported_help": {
        "zh": "报送数据:由{who}报送,{when} 写入本看板;未经文章发布。",
        "en": "Reported data: delivered by {who}, written {when}; not published in the article.",
    },
    "reported_by_unknown": {"zh": "园区数据报送人员", "en": "the zone's data staff"},
    "unrecorded_help": {
        "zh": "来源未登记:{reason}。",
        "en": "Source not recorded: {reason}.",
    },
    "vs_snapshot": {"zh": "较 {date}", "en": "vs {date}"},
    "vs_last_year": {"zh": "同比", "en": "on last year"},
    # overview
    "overview_title": {"zh": "晋江经济开发区 · 网格治理总览", "en": "Jinjiang EDZ · grid governance at a glance"},
    "overview_caption": {"zh": "{scope} · 数据截至 {date}", "en": "{scope} · data as of {date}"},
    "section_grids": {"zh": "三级网格与党建引领", "en": "Three-level grid and party building"},
    "section_disputes": {"zh": "劳动纠纷调处", "en": "Labor disputes mediated"},
    "section_economy": {"zh": "经济运行(1-{month}月累计)", "en": "Economy (Jan-{month_en} cumulative)"},
    "section_economy_none": {"zh": "经济运行(本范围暂无月度数据)", "en": "Economy (no monthly figures for this scope)"},
    "section_expansion": {"zh": "企业改扩建", "en": "Enterprise expansion"},
    "kpi_grids_level1": {"zh": "一级网格", "en": "Level-1 grids"},
    "kpi_grids_level2": {"zh": "二级网格", "en": "Level-2 grids"},
    "kpi_grids_level3": {"zh": "三级(企业地块)网格", "en": "Level-3 (enterprise plot) grids"},
    "kpi_grid_workers": {"zh": "企业网格员", "en": "Enterprise grid workers"},
    "coverage_of_level3": {"zh": "覆盖 {pct} 的三级网格", "en": "cover {pct} of level-3 grids"},
    "kpi_party_orgs": {"zh": "企业网格党组织", "en": "Enterprise-grid party organisations"},
    "kpi_first_batch_orgs": {"zh": "首批非公企业党组织", "en": "First-batch non-public party organisations"},
    "kpi_first_batch_members": {"zh": "首批联系职工党员", "en": "First-batch party members"},
    "linked_range": {"zh": "每人联系 {low}-{high} 名职工", "en": "each linked to {low}-{high} workers"},
    "kpi_dispute_cases": {"zh": "调处劳动纠纷", "en": "Labor disputes handled"},
    "kpi_dispute_workers": {"zh": "涉及职工", "en": "Worker-times involved"},
    "kpi_dispute_amount": {"zh": "涉及金额", "en": "Amount involved"},
    "open_cases": {"zh": "在办 {n} 起", "en": "{n} still open"},
    "kpi_industrial_output": {"zh": "工业总产值", "en": "Gross industrial output"},
    "kpi_fixed_asset_investment": {"zh": "全社会固定资产投资", "en": "Fixed-asset investment"},
    "kpi_above_quota_sales": {"zh": "限上销售总额", "en": "Sales above designated size"},
    "kpi_retail_sales": {"zh": "零售额", "en": "Retail sales"},
    "kpi_expansion_enterprises": {"zh": "改扩建企业", "en": "Enterprises expanding"},
    "kpi_expansion_area": {"zh": "建筑面积增量", "en": "Added floor area"},
    "kpi_expansion_investment": {"zh": "预计新增投资", "en": "Expected new investment"},
    "economy_scope_note": {
        "zh": "经济指标发布口径为“全市一区”合计。",
        "en": "Economic figures are published for the whole “全市一区” scope.",
    },
    # the big screen
    "screen_title": {"zh": "晋江经济开发区 · 网格治理数据大屏", "en": "Jinjiang EDZ · grid governance"},
    "screen_map": {
        "zh": "五园区分布 · 工业总产值(1-{month}月)",
        "en": "The five parks · industrial output (Jan-{month_en})",
    },
    "screen_park_map": {"zh": "{park} · 二级网格与企业分布", "en": "{park} · level-2 grids and enterprises"},
    "screen_loop": {"zh": "劳动纠纷“事前-事中-事后”闭环", "en": "Labor disputes: the closed loop"},
    "screen_trend": {"zh": "产值与投资累计增速", "en": "Output and investment, cumulative growth"},
    "screen_coverage": {"zh": "企业网格员覆盖三级网格", "en": "Level-3 grids with an enterprise grid worker"},
    "screen_level3_grids": {"zh": "三级网格", "en": "Level-3 grids"},
    "screen_covered_grids": {"zh": "已配企业网格员", "en": "With a grid worker"},
    "screen_grid_workers_foot": {"zh": "覆盖 {pct}", "en": "cover {pct}"},
    "screen_disputes_foot": {"zh": "涉及职工 {workers} 人次", "en": "{workers} workers involved"},
    "screen_expansion_foot": {"zh": "+{area} · {investment}", "en": "+{area} · {investment}"},
    "screen_growth_foot": {"zh": "同比 {growth}", "en": "{growth} on last year"},
    "screen_paused": {"zh": "轮播已暂停", "en": "rotation paused"},
    "unit_grids": {"zh": "个", "en": "grids"},
    "unit_people": {"zh": "名", "en": "people"},
    "unit_cases": {"zh": "起", "en": "cases"},
    "unit_enterprises": {"zh": "家", "en": "firms"},
    "unit_orgs": {"zh": "个", "en": "orgs"},
    "unit_worker_times": {"zh": "人次", "en": "worker-times"},
    # downloads and empty states
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_excel": {"zh": "下载 Excel", "en": "Download Excel"},
    "empty": {"zh": "当前筛选条件下没有数据。", "en": "Nothing matches the current filters."},
    # an unexpected error in a page (ui/errors.py)
    "page_failed": {
        "zh": "“{page}”页面暂时无法显示。请刷新页面或更换筛选条件后重试;"
        "如仍出错,请联系系统管理员并告知错误编号 {reference}。",
        "en": "The {page} page cannot be shown just now. Reload the page or change the filters and try again; "
        "if it still fails, tell the system administrator the error reference {reference}.",
    },
}

# each page keeps its own words in ui/strings_<page>.py
for _part in (
    strings_grids,
    strings_economy,
    strings_disputes,
    strings_maps,
    strings_access,
    strings_data,
    strings_briefing,
    strings_compare,
):
    _clash = STRINGS.keys() & _part.STRINGS.keys()
    assert not _clash, f"string keys defined twice: {_clash}"
    STRINGS.update(_part.STRINGS)

MONTH_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def t(key: str, lang: str, **values) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = STRINGS[key].get(lang) or STRINGS[key][DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
