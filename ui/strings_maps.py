"""Words of the maps page (园区地图), in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {
    "maps_title": {"zh": "园区地图", "en": "Park maps"},
    "maps_caption": {
        "zh": "{scope} · 数据截至 {date} · 园区与网格轮廓为示意图,非测绘成果",
        "en": "{scope} · data as of {date} · park and grid outlines are schematic, not surveyed",
    },
    # page controls
    "maps_layer": {"zh": "专题图层", "en": "Layer"},
    "maps_layer_enterprises": {"zh": "企业分布", "en": "Enterprises"},
    "maps_layer_disputes": {"zh": "纠纷密度", "en": "Dispute density"},
    "maps_layer_output": {"zh": "经济产出", "en": "Output"},
    "maps_level": {"zh": "网格层级", "en": "Grid level"},
    "maps_level_1": {"zh": "一级网格", "en": "Level 1"},
    "maps_level_2": {"zh": "二级网格", "en": "Level 2"},
    "maps_level_3": {"zh": "三级网格", "en": "Level 3"},
    "maps_indicator": {"zh": "经济指标", "en": "Indicator"},
    "maps_basemap": {"zh": "底图", "en": "Basemap"},
    "maps_basemap_none": {"zh": "无底图", "en": "No basemap"},
    "maps_basemap_tianditu": {"zh": "天地图", "en": "Tianditu"},
    "maps_basemap_amap": {"zh": "高德地图", "en": "AMap (Gaode)"},
    "maps_selection": {"zh": "选中对象", "en": "selection"},
    # KPI row
    "maps_kpi_enterprises": {"zh": "企业", "en": "Enterprises"},
    "maps_kpi_employees": {"zh": "企业职工", "en": "Employees"},
    # the map card
    "maps_map_title": {"zh": "园区、网格与企业分布", "en": "Parks, grids and enterprises"},
    "maps_map_alt": {
        "zh": "晋江经济开发区五个园区的示意地图:园区与网格轮廓、企业位置",
        "en": "Schematic map of the five parks of the Jinjiang EDZ: park and grid outlines, enterprises",
    },
    "maps_points_limited": {
        "zh": "为保证地图流畅,仅显示职工人数最多的 {shown} 家企业(共 {total} 家)。",
        "en": "To keep the map fast, only the {shown} largest enterprises by employees are shown (of {total}).",
    },
    "maps_grids_limited": {
        "zh": "{level}共 {n} 个,轮廓过多,地图未绘制:请选择园区或较高的网格层级。",
        "en": "The {n} {level} grids are too many outlines to draw: choose a park or a higher grid level.",
    },
    "maps_basemap_note": {
        "zh": "底图瓦片需联网从{name}加载;无法联网时地图照常显示轮廓与数据,只是没有底图。",
        "en": "Basemap tiles load from {name} over the internet; offline, the map still shows the outlines "
        "and data, without the basemap.",
    },
    "maps_crs_gcj02": {
        "zh": "高德地图采用 GCJ-02 坐标,叠加的轮廓与企业位置已由 WGS-84 换算。",
        "en": "AMap uses GCJ-02 coordinates: the overlays have been shifted from WGS-84 to match.",
    },
    "maps_crs_cgcs2000": {
        "zh": "天地图采用 CGCS2000 坐标(与 WGS-84 相差厘米级),叠加层无需换算。",
        "en": "Tianditu uses CGCS2000 (within centimetres of WGS-84): the overlays need no shift.",
    },
    "maps_tianditu_key": {
        "zh": "天地图瓦片需要开发者密钥:请在服务器的环境变量 TIANDITU_TOKEN 中配置后重启看板。",
        "en": "Tianditu tiles need a developer key: set the TIANDITU_TOKEN environment variable on the "
        "server and restart the dashboard.",
    },
    "maps_offline_note": {
        "zh": "无底图:离线可用。可在“底图”中选择天地图或高德地图(需联网)。",
        "en": "No basemap: works offline. Pick Tianditu or AMap under “Basemap” (needs the internet).",
    },
    "maps_pick_hint": {
        "zh": "点击地图上的园区、网格或企业查看详情;滚轮缩放,拖动平移。",
        "en": "Click a park, grid or enterprise for its details; scroll to zoom, drag to pan.",
    },
    # legend
    "maps_legend": {"zh": "图例", "en": "Legend"},
    "maps_legend_enterprises": {
        "zh": "圆点颜色表示行业,大小表示职工人数。",
        "en": "Dot colour: industry; dot size: employees.",
    },
    "maps_legend_disputes": {
        "zh": "{level}按劳动纠纷案件数着色。",
        "en": "{level} grids coloured by labor dispute cases.",
    },
    "maps_legend_output": {
        "zh": "柱高表示各园区{indicator}(1-{month}月累计)。",
        "en": "Column height: each park's {indicator} (Jan-{month_en} cumulative).",
    },
    "maps_legend_zero": {"zh": "无案件", "en": "no cases"},
    "maps_legend_range": {"zh": "{low}-{high} 起", "en": "{low}-{high} cases"},
    "maps_legend_one": {"zh": "{n} 起", "en": "{n} cases"},
    # details beside the map
    "maps_details": {"zh": "详情", "en": "Details"},
    "maps_details_none": {
        "zh": "尚未选择。点击地图上的园区、网格或企业,这里显示它的详情。",
        "en": "Nothing selected. Click a park, grid or enterprise on the map to see its details here.",
    },
    "maps_clear": {"zh": "取消选择", "en": "Clear selection"},
    "maps_kind_park": {"zh": "园区", "en": "Park"},
    "maps_kind_grid": {"zh": "网格", "en": "Grid"},
    "maps_kind_enterprise": {"zh": "企业", "en": "Enterprise"},
    "maps_grids": {"zh": "一/二/三级网格", "en": "Grids L1/L2/L3"},
    "maps_enterprises": {"zh": "企业", "en": "Enterprises"},
    "maps_employees": {"zh": "职工", "en": "Employees"},
    "maps_cases": {"zh": "劳动纠纷", "en": "Labor disputes"},
    "maps_amount": {"zh": "涉及金额", "en": "Amount involved"},
    "maps_industry": {"zh": "行业", "en": "Industry"},
    "maps_park": {"zh": "所在园区", "en": "Park"},
    "maps_grid": {"zh": "网格", "en": "Grid"},
    "maps_output": {"zh": "{indicator}(1-{month}月)", "en": "{indicator} (Jan-{month_en})"},
    "maps_grid_counts_published": {
        "zh": "网格数与文章发布数一致",
        "en": "grid counts match the article",
    },
    # tooltips
    "maps_tip_park": {
        "zh": "网格 {l1}/{l2}/{l3}(一/二/三级)\n企业 {firms} 家 · 职工 {employees} 人\n劳动纠纷 {cases} 起",
        "en": "Grids {l1}/{l2}/{l3} (levels 1/2/3)\n{firms} enterprises · {employees} employees\n"
        "{cases} labor disputes",
    },
    "maps_tip_grid": {
        "zh": "{park} · {level}\n企业 {firms} 家 · 职工 {employees} 人\n劳动纠纷 {cases} 起",
        "en": "{park} · {level}\n{firms} enterprises · {employees} employees\n{cases} labor disputes",
    },
    "maps_tip_enterprise": {
        "zh": "{industry} · 职工 {employees} 人\n{park} · {grid}\n劳动纠纷 {cases} 起",
        "en": "{industry} · {employees} employees\n{park} · {grid}\n{cases} labor disputes",
    },
    "maps_tip_output": {
        "zh": "{indicator} 1-{month}月:{value}\n同比 {growth}",
        "en": "{indicator}, Jan-{month_en}: {value}\n{growth} on last year",
    },
    # the table
    "maps_table_title": {"zh": "{scope} · 企业名录", "en": "{scope} · enterprises"},
    "maps_table_limited": {
        "zh": "列出职工人数最多的 {shown} 家企业(共 {total} 家)。",
        "en": "Listing the {shown} largest enterprises by employees (of {total}).",
    },
    "maps_col_name": {"zh": "企业名称", "en": "Enterprise"},
    "maps_col_park": {"zh": "园区", "en": "Park"},
    "maps_col_industry": {"zh": "行业", "en": "Industry"},
    "maps_col_employees": {"zh": "职工人数", "en": "Employees"},
    "maps_col_grid": {"zh": "三级网格(地块)", "en": "Level-3 grid (plot)"},
    "maps_col_level2": {"zh": "二级网格", "en": "Level-2 grid"},
    "maps_col_cases": {"zh": "劳动纠纷(起)", "en": "Labor disputes"},
}
