"""Words of the disputes page (劳动纠纷调处), in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {
    # title and page controls
    "disputes_title": {"zh": "劳动纠纷调处", "en": "Labor dispute mediation"},
    "disputes_caption": {
        "zh": "{scope} · 数据截至 {date} · "
        "职工法律服务“一体化”基地助力各园区网格实行矛盾纠纷调解“事前、事中、事后”闭环管理",
        "en": "{scope} · data as of {date} · the zone's legal service centre for workers runs dispute mediation "
        "as a closed loop: before (early warning), during (mediation), after (follow-up)",
    },
    "disputes_limit": {"zh": "在办超期时限", "en": "Flag open cases older than"},
    "disputes_limit_help": {
        "zh": "在办案件自受理之日起超过所选天数即列为超期,天数计至数据日期。"
        "《劳动争议调解仲裁法》规定调解组织自收到申请之日起15日内未达成协议的,当事人可以申请仲裁。",
        "en": "An open case is flagged once more days than this have passed since it was reported, counted up to "
        "the data date. By law, parties may go to arbitration when mediation reaches no agreement within 15 days.",
    },
    "disputes_days": {"zh": "{n}天", "en": "{n} days"},
    "disputes_one_day": {"zh": "1天", "en": "1 day"},
    # KPI cards
    "disputes_kpi_open": {"zh": "在办案件", "en": "Open cases"},
    "disputes_kpi_median_days": {"zh": "办结用时中位数", "en": "Median days to close"},
    "disputes_kpi_overdue": {"zh": "在办超 {limit} 天", "en": "Open over {limit} days"},
    "disputes_oldest_open": {"zh": "最久已在办 {days}", "en": "oldest open for {days}"},
    "disputes_closed_share": {"zh": "已办结 {closed} 起,结案率 {pct}", "en": "{closed} closed, {pct} of cases"},
    "disputes_overdue_delta": {"zh": "需督办跟进", "en": "needs follow-up"},
    "disputes_overdue_clear": {"zh": "无超期案件", "en": "none overdue"},
    "disputes_overdue_scale": {
        "zh": "涉及职工 {workers} 人次 · {amount}",
        "en": "{workers} worker-times · {amount}",
    },
    # the closed loop
    "disputes_flow_title": {"zh": "闭环管理:事前 → 事中 → 事后", "en": "The closed loop: before → during → after"},
    "disputes_flow_view": {"zh": "起点", "en": "Start from"},
    "disputes_flow_total": {"zh": "受理汇总", "en": "All cases reported"},
    "disputes_flow_source": {"zh": "按线索来源", "en": "By source"},
    "disputes_flow_caption": {
        "zh": "事前:预警排查、源头化解;事中:调解;事后:结案后回访。节点后的数字为案件数(起),"
        "连线宽度与案件数成正比;悬停可查看涉及职工与金额。",
        "en": "Before: early warning and defusing at source; during: mediation; after: follow-up visits once "
        "closed. Numbers are cases; link widths are proportional to cases; hover for workers and amounts.",
    },
    "disputes_flow_hover": {
        "zh": "{cases} 起 · 涉及职工 {workers} 人次 · {amount}",
        "en": "{cases} cases · {workers} worker-times · {amount}",
    },
    "disputes_node_reported": {"zh": "受理", "en": "Reported"},
    "disputes_node_defused": {"zh": "预警化解(事前)", "en": "Defused early (before)"},
    "disputes_node_awaiting_mediation": {"zh": "待调处(事前)", "en": "Awaiting mediation (before)"},
    "disputes_node_mediation": {"zh": "进入调解(事中)", "en": "Mediation (during)"},
    "disputes_node_followed_up": {"zh": "已回访(事后)", "en": "Followed up (after)"},
    "disputes_node_awaiting_follow_up": {"zh": "待回访", "en": "Awaiting follow-up"},
    "disputes_node_unknown_source": {"zh": "来源未填", "en": "Source not recorded"},
    # the data's own values
    "disputes_v_wages": {"zh": "欠薪", "en": "Unpaid wages"},
    "disputes_v_overtime": {"zh": "加班费", "en": "Overtime pay"},
    "disputes_v_social_insurance": {"zh": "社保", "en": "Social insurance"},
    "disputes_v_injury": {"zh": "工伤", "en": "Work injury"},
    "disputes_v_termination": {"zh": "解除劳动合同", "en": "Contract termination"},
    "disputes_v_severance": {"zh": "经济补偿", "en": "Severance pay"},
    "disputes_v_other": {"zh": "其他", "en": "Other"},
    "disputes_v_pending": {"zh": "待调处", "en": "Awaiting mediation"},
    "disputes_v_defused": {"zh": "预警化解", "en": "Defused early"},
    "disputes_v_mediating": {"zh": "调解中", "en": "In mediation"},
    "disputes_v_mediated": {"zh": "调解成功", "en": "Mediated"},
    "disputes_v_settled": {"zh": "达成和解", "en": "Settled"},
    "disputes_v_arbitration": {"zh": "转劳动仲裁", "en": "Sent to arbitration"},
    "disputes_v_withdrawn": {"zh": "撤回", "en": "Withdrawn"},
    "disputes_v_grid_worker": {"zh": "网格员上报", "en": "Grid worker report"},
    "disputes_v_worker_help": {"zh": "职工求助", "en": "Worker asked for help"},
    "disputes_v_enterprise": {"zh": "企业报告", "en": "Enterprise report"},
    "disputes_v_screening": {"zh": "预警排查", "en": "Early-warning screening"},
    "disputes_v_hotline": {"zh": "12345转办", "en": "12345 hotline referral"},
    "disputes_v_before": {"zh": "事前", "en": "Before (early warning)"},
    "disputes_v_during": {"zh": "事中", "en": "During (mediation)"},
    "disputes_v_after": {"zh": "事后", "en": "After (follow-up)"},
    # categories and outcomes
    "disputes_mix_title": {"zh": "案件类别与调处结果", "en": "Categories and outcomes"},
    "disputes_measure": {"zh": "指标", "en": "Measure"},
    "disputes_measure_case_count": {"zh": "案件数", "en": "Cases"},
    "disputes_measure_workers_involved": {"zh": "涉及职工", "en": "Workers involved"},
    "disputes_measure_amount_yuan": {"zh": "涉及金额", "en": "Amount involved"},
    "disputes_axis_case_count": {"zh": "案件数(起)", "en": "Cases"},
    "disputes_axis_workers_involved": {"zh": "涉及职工(人次)", "en": "Worker-times"},
    "disputes_axis_amount_yuan": {"zh": "涉及金额(万元)", "en": "Amount (CNY m)"},
    "disputes_by_category": {"zh": "按案件类别", "en": "By category"},
    "disputes_by_outcome": {"zh": "按调处结果", "en": "By outcome"},
    # time to close
    "disputes_close_title": {"zh": "办结用时", "en": "Time to close"},
    "disputes_close_category": {"zh": "案件类别", "en": "Category"},
    "disputes_all_categories": {"zh": "全部类别", "en": "All categories"},
    "disputes_close_histogram": {"zh": "办结用时分布(按周)", "en": "Days to close, by week"},
    "disputes_close_by_category": {"zh": "各类别办结用时", "en": "Days to close by category"},
    "disputes_close_caption": {
        "zh": "自受理之日至办结之日的天数,仅统计已办结案件。",
        "en": "Days from the report to the close, closed cases only.",
    },
    "disputes_axis_days": {"zh": "办结用时(天)", "en": "Days to close"},
    "disputes_median": {"zh": "中位数", "en": "Median"},
    "disputes_p90": {"zh": "90% 案件在此天数内办结", "en": "90% closed within"},
    "disputes_median_line": {"zh": "中位数 {days}", "en": "median {days}"},
    "disputes_no_closed": {"zh": "当前筛选条件下没有已办结的案件。", "en": "No closed case matches the filters."},
    # months and parks
    "disputes_month_title": {"zh": "月度受理案件", "en": "Cases reported by month"},
    "disputes_month_view": {"zh": "分组", "en": "Split by"},
    "disputes_month_view_park": {"zh": "按园区", "en": "By park"},
    "disputes_month_view_stage": {"zh": "按环节", "en": "By stage"},
    "disputes_month_view_category": {"zh": "按类别", "en": "By category"},
    "disputes_month_stage_note": {
        "zh": "环节为案件截至数据日期已到达的最远环节。",
        "en": "A case's stage is the furthest it has reached by the data date.",
    },
    "disputes_park_title": {"zh": "园区对比", "en": "Parks compared"},
    "disputes_park_note": {
        "zh": "园区对比始终列出全区五个园区,不受园区筛选影响;当前园区高亮显示。",
        "en": "The comparison always lists the zone's five parks, whatever the park filter; the chosen park is "
        "highlighted.",
    },
    # open cases past the limit
    "disputes_overdue_title": {"zh": "超期在办案件", "en": "Open cases past the limit"},
    "disputes_overdue_warning": {
        "zh": "{n} 起在办案件自受理已超过 {limit} 天仍未办结,请督办跟进。",
        "en": "{n} open cases were reported more than {limit} days ago and are not closed: follow them up.",
    },
    "disputes_overdue_none": {
        "zh": "没有自受理超过 {limit} 天仍在办的案件。",
        "en": "No open case was reported more than {limit} days ago.",
    },
    "disputes_overdue_caption": {
        "zh": "在办天数计至数据日期 {date},而非今天。",
        "en": "Days open are counted up to the data date, {date}, not today.",
    },
    # table headers
    "disputes_col_category": {"zh": "案件类别", "en": "Category"},
    "disputes_col_outcome": {"zh": "调处结果", "en": "Outcome"},
    "disputes_col_stage": {"zh": "环节", "en": "Stage"},
    "disputes_col_case_count": {"zh": "案件数(起)", "en": "Cases"},
    "disputes_col_workers_involved": {"zh": "涉及职工(人次)", "en": "Worker-times"},
    "disputes_col_amount_yuan": {"zh": "涉及金额(元)", "en": "Amount (CNY)"},
    "disputes_col_open_case_count": {"zh": "在办(起)", "en": "Open"},
    "disputes_col_closed_case_count": {"zh": "已办结(起)", "en": "Closed"},
    "disputes_col_followed_up_case_count": {"zh": "已回访(起)", "en": "Followed up"},
    "disputes_col_median_days_to_close": {"zh": "办结用时中位数(天)", "en": "Median days to close"},
    "disputes_col_p90_days_to_close": {"zh": "90%案件办结用时(天)", "en": "90th percentile days to close"},
    "disputes_col_followed_up_pct": {"zh": "回访率", "en": "Followed up (share of closed)"},
    "disputes_col_name_zh": {"zh": "园区", "en": "Park"},
    "disputes_col_name_en": {"zh": "园区", "en": "Park"},
    "disputes_col_park_name_zh": {"zh": "园区", "en": "Park"},
    "disputes_col_park_name_en": {"zh": "园区", "en": "Park"},
    "disputes_col_case_id": {"zh": "案件编号", "en": "Case ID"},
    "disputes_col_grid_name_zh": {"zh": "三级网格", "en": "Level-3 grid"},
    "disputes_col_enterprise_name_zh": {"zh": "企业", "en": "Enterprise"},
    "disputes_col_reported_on": {"zh": "受理日期", "en": "Reported on"},
    "disputes_col_days_open": {"zh": "已在办(天)", "en": "Days open"},
}
