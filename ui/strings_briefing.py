"""The words of the PDF briefing (ui/briefing.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "briefing": {"zh": "简报", "en": "Briefing"},
    "briefing_button": {"zh": "导出简报", "en": "Export briefing"},
    "briefing_help": {
        "zh": "本页在当前筛选条件下的 PDF 简报(A4 横向):指标及其变化、标签与来源,图表和完整表格。",
        "en": "A PDF briefing (A4 landscape) of this page under the current filters: the figures with their "
        "change, tag and source, the charts and the tables in full.",
    },
    "briefing_scope": {"zh": "范围", "en": "Scope"},
    "briefing_generated": {"zh": "生成时间", "en": "Generated"},
    "briefing_language_name": {"zh": "中文", "en": "English"},
    "briefing_col_kpi": {"zh": "指标", "en": "Indicator"},
    "briefing_col_value": {"zh": "数值", "en": "Value"},
    "briefing_col_unit": {"zh": "单位", "en": "Unit"},
    "briefing_col_change": {"zh": "变化", "en": "Change"},
    "briefing_col_vs": {"zh": "比较基准", "en": "Compared with"},
    "briefing_col_tag": {"zh": "标签", "en": "Tag"},
    "briefing_col_note": {"zh": "说明", "en": "Note"},
    "briefing_footnotes": {"zh": "已发布数据的出处", "en": "Sources of the published figures"},
    "briefing_page": {"zh": "第 {page} / {pages} 页", "en": "Page {page} of {pages}"},
    "briefing_rows_cut": {
        "zh": "此处列出前 {shown} 行(共 {total} 行);全部行见本 PDF 的附件 {name},本页的 CSV / Excel 下载亦有。",
        "en": "The first {shown} of {total} rows are listed here; all of them are in this PDF's attachment {name},"
        " and in this page's CSV / Excel downloads.",
    },
}
