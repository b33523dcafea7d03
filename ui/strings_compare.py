"""Words of the compare page (对比), in Chinese and English. KPI names reuse the catalogue's label keys."""

STRINGS: dict[str, dict[str, str]] = {
    "page_compare": {"zh": "对比", "en": "Compare"},
    "compare_title": {"zh": "两期数据对比", "en": "What changed between two snapshots"},
    "compare_caption": {
        "zh": "{scope} · 基期 {a} → 对比期 {b}",
        "en": "{scope} · from {a} to {b}",
    },
    "compare_a": {"zh": "基期(较早)", "en": "From (earlier)"},
    "compare_b": {"zh": "对比期(较晚)", "en": "To (later)"},
    "compare_same_date_last_year": {"zh": "与去年同期 {date} 对比(同比)", "en": "Compare with {date}, a year before"},
    "compare_no_last_year": {
        "zh": "没有去年同期 {date} 的数据快照,无法做同比对比。",
        "en": "There is no snapshot of {date}, a year before, to compare with.",
    },
    "compare_need_two": {
        "zh": "对比需要至少两个可用的数据快照;目前只有 {n} 个。",
        "en": "A comparison needs two valid snapshots; there is {n}.",
    },
    "compare_no_snapshot": {
        "zh": "链接中的{param}“{value}”没有对应的可用数据快照,已改用默认值。",
        "en": "The link's {param} “{value}” is not a valid snapshot; the default is shown instead.",
    },
    "compare_not_earlier": {
        "zh": "链接中的{param}“{value}”不早于对比期 {b},已改用默认值。",
        "en": "The link's {param} “{value}” is not earlier than {b}; the default is shown instead.",
    },
    "compare_no_earlier": {
        "zh": "链接中的{param}“{value}”是最早的数据快照,之前没有可对比的基期,已改用默认值。",
        "en": "The link's {param} “{value}” is the oldest snapshot, with none before it; the default is shown instead.",
    },
    # the KPIs
    "compare_section_kpis": {"zh": "指标变化", "en": "Every indicator"},
    "compare_kpis_note": {
        "zh": "绿色为向好、红色为向差(纠纷类指标越少越好);占比类指标的变化以百分点计。"
        "经济指标为年内累计值,两期累计月份不同,同口径增速见下方“经济运行”。",
        "en": "Green is better, red is worse (fewer disputes is better); the change of a share is in "
        "percentage points. Economic figures are year-to-date totals over different months: their "
        "like-for-like growth is under Economy below.",
    },
    "compare_col_kpi": {"zh": "指标", "en": "Indicator"},
    "compare_col_scope": {"zh": "范围", "en": "Scope"},
    "compare_col_change": {"zh": "变化", "en": "Change"},
    "compare_col_change_pct": {"zh": "变化率", "en": "Change %"},
    "compare_col_better": {"zh": "指标方向", "en": "Better when"},
    "compare_better_up": {"zh": "越高越好", "en": "higher"},
    "compare_better_down": {"zh": "越低越好", "en": "lower"},
    "compare_by_park": {"zh": "各园区变化({a} → {b})", "en": "Change by park ({a} → {b})"},
    "compare_by_park_note": {
        "zh": "每格为变化量与变化率;下载文件含两期数值。",
        "en": "Each cell is the change and its percentage; the download holds both dates' values.",
    },
    "compare_then": {"zh": "{date}:{value}", "en": "{date}: {value}"},
    "compare_vs": {"zh": "较 {date}", "en": "vs {date}"},
    # grids
    "compare_section_grids": {"zh": "网格增减", "en": "Grids added and removed"},
    "compare_col_park": {"zh": "园区", "en": "Park"},
    "compare_col_level": {"zh": "层级", "en": "Level"},
    "compare_level": {"zh": "{n}级网格", "en": "Level {n}"},
    "compare_col_added": {"zh": "新增", "en": "Added"},
    "compare_col_removed": {"zh": "撤销", "en": "Removed"},
    "compare_col_net": {"zh": "净变化", "en": "Net change"},
    "compare_grids_table": {"zh": "各园区、各级网格数", "en": "Grids by park and level"},
    "compare_grids_same": {
        "zh": "两期之间网格没有增减:{n} 个网格均在两期数据中。",
        "en": "No grid was added or removed: the same {n} grids are in both snapshots.",
    },
    "compare_grids_summary": {
        "zh": "新增 {added} 个网格,撤销 {removed} 个(按网格编号比对)。",
        "en": "{added} grids added and {removed} removed (matched by grid id).",
    },
    # enterprises
    "compare_section_enterprises": {"zh": "企业与网格力量", "en": "Enterprises and grid staff"},
    "compare_col_enterprises": {"zh": "企业数", "en": "Enterprises"},
    "compare_col_joined": {"zh": "新加入", "en": "Joined"},
    "compare_col_left": {"zh": "退出", "en": "Left"},
    "compare_col_workers": {"zh": "企业网格员", "en": "Grid workers"},
    "compare_col_members": {"zh": "首批联系职工党员", "en": "Party members"},
    "compare_enterprises_same": {
        "zh": "两期之间没有企业加入或退出(按企业编号比对)。",
        "en": "No enterprise joined or left (matched by enterprise id).",
    },
    "compare_enterprises_summary": {
        "zh": "新加入 {joined} 家企业,退出 {left} 家(按企业编号比对)。",
        "en": "{joined} enterprises joined and {left} left (matched by enterprise id).",
    },
    "compare_moved_title": {"zh": "加入或退出的企业", "en": "Enterprises that joined or left"},
    "compare_change_joined": {"zh": "新加入", "en": "joined"},
    "compare_change_left": {"zh": "退出", "en": "left"},
    "compare_col_enterprise_id": {"zh": "企业编号", "en": "Enterprise id"},
    "compare_col_enterprise": {"zh": "企业名称", "en": "Enterprise"},
    "compare_col_industry": {"zh": "行业", "en": "Industry"},
    "compare_col_employees": {"zh": "职工人数", "en": "Employees"},
    "compare_col_what": {"zh": "变动", "en": "Change"},
    # disputes
    "compare_section_disputes": {"zh": "纠纷案件进出", "en": "Dispute cases opened and closed"},
    "compare_col_stage": {"zh": "环节", "en": "Stage"},
    "compare_col_open_a": {"zh": "{date} 在办", "en": "Open at {date}"},
    "compare_col_opened": {"zh": "新增", "en": "Opened"},
    "compare_col_closed": {"zh": "办结", "en": "Closed"},
    "compare_col_reopened": {"zh": "重新在办", "en": "Reopened"},
    "compare_col_removed_cases": {"zh": "移出记录", "en": "Left the record"},
    "compare_col_moved": {"zh": "环节流转(净)", "en": "Moved stage (net)"},
    "compare_col_open_b": {"zh": "{date} 在办", "en": "Open at {date}"},
    "compare_total": {"zh": "合计", "en": "Total"},
    "compare_disputes_balance": {
        "zh": "{a} 在办 {open_a} 起 + 期间新增 {opened} 起 − 办结 {closed} 起{other} = {b} 在办 {open_b} 起。",
        "en": "{open_a} open at {a} + {opened} opened − {closed} closed{other} = {open_b} open at {b}.",
    },
    "compare_disputes_other": {
        "zh": " + 重新在办 {reopened} 起 − 移出记录 {removed} 起",
        "en": " + {reopened} reopened − {removed} left the record",
    },
    "compare_disputes_note": {
        "zh": "按案件编号比对两期数据:新增为仅见于对比期的案件,办结为对比期已结案而基期未结(或未登记)的案件,"
        "各环节按案件在对比期所处环节计;在办案件在两期间推进的环节记为“环节流转”。",
        "en": "Cases are matched by case id: opened are those only in the later snapshot, closed those closed "
        "there but open (or absent) in the earlier one, each counted at its stage in the later snapshot; "
        "open cases that moved on a stage are under “moved stage”.",
    },
    # economy
    "compare_section_economy": {"zh": "经济运行:累计增速同口径对比", "en": "Economy: cumulative growth, like for like"},
    "compare_col_indicator": {"zh": "指标", "en": "Indicator"},
    "compare_col_months": {"zh": "{date} 累计期间", "en": "Months to {date}"},
    "compare_col_cumulative": {"zh": "{date} 累计值", "en": "Cumulative to {date}"},
    "compare_col_growth": {"zh": "{date} 累计同比", "en": "Growth to {date}"},
    "compare_col_growth_change": {"zh": "增速变化", "en": "Growth change"},
    "compare_months": {"zh": "{year}年{first}-{last}月", "en": "{first_en}-{last_en} {year}"},
    "compare_pp": {"zh": "{value} 个百分点", "en": "{value} pp"},
    "compare_economy_note": {
        "zh": "累计同比:各期年内累计值对上年同期(相同月份)累计值的增长;增速变化以百分点计。",
        "en": "Cumulative growth: each date's year-to-date total on the same months of the year before; "
        "the change of growth is in percentage points.",
    },
    "compare_sources": {
        "zh": "基期 {a}:{source_a}  \n对比期 {b}:{source_b}",
        "en": "{a}: {source_a}  \n{b}: {source_b}",
    },
}
