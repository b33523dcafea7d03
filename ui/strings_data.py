"""Words of the 数据管理 page (an export delivered in the browser), in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {
    "page_data": {"zh": "数据管理", "en": "Data"},
    "data_title": {"zh": "数据管理:报送与快照", "en": "Data: deliveries and snapshots"},
    "data_deliver": {"zh": "报送新数据", "en": "Deliver an export"},
    "data_rules": {
        "zh": "每个表一个文件,以表名命名(如 parks.csv、grids.xlsx):CSV(UTF-8、带 BOM 的 UTF-8 或 GBK)或 XLSX。"
        "每个文件不超过 {limit} MB。检查通过并确认之后才会写入。",
        "en": "One file per table, named after it (parks.csv, grids.xlsx, ...): CSV (UTF-8, UTF-8 with BOM or GBK) "
        "or XLSX. At most {limit} MB a file. Nothing is written until the files pass the checks and you confirm.",
    },
    "data_files": {"zh": "导出文件", "en": "Export files"},
    "data_as_of": {"zh": "数据截止日期", "en": "As-of date"},
    "data_office": {"zh": "报送单位", "en": "Delivered by (office)"},
    "data_office_help": {
        "zh": "如“综治办”“五里园办公室”,写入快照的 manifest,并在看板侧栏显示。",
        "en": "For example the 综治 office or a park's office: recorded in the snapshot's manifest and shown in the "
        "sidebar.",
    },
    "data_check": {"zh": "检查文件", "en": "Check the files"},
    "data_need_files": {
        "zh": "请先选择导出文件和数据截止日期。",
        "en": "Choose the export files and the as-of date first.",
    },
    "data_refused": {
        "zh": "发现 {n} 个问题,未写入任何数据。行号与 Excel 一致:表头为第 1 行。",
        "en": "{n} problem(s) found; nothing was written. Rows are numbered as in Excel: the header is row 1.",
    },
    "data_passed": {
        "zh": "检查通过:{tables} 个表,共 {rows} 行,截止 {as_of}。尚未写入。",
        "en": "The files passed the checks: {tables} tables, {rows} rows, as of {as_of}. Nothing is written yet.",
    },
    "data_exists": {
        "zh": "{as_of} 已有快照(来源:{source};报送单位:{who};写入于 {when})。"
        "写入将替换它,旧快照会先移到一旁,替换完成后删除。",
        "en": "A snapshot of {as_of} exists already (source: {source}; delivered by {who}; written {when}). "
        "Writing replaces it: the old one is moved aside first, and deleted once the new one is in place.",
    },
    "data_replace_confirm": {"zh": "我确认替换 {as_of} 的现有快照", "en": "I confirm: replace the snapshot of {as_of}"},
    "data_write": {"zh": "写入快照", "en": "Write the snapshot"},
    "data_written": {
        "zh": "已写入 {as_of} 的快照({rows} 行),并已记入审计日志。看板下次刷新即显示。",
        "en": "The snapshot of {as_of} is written ({rows} rows) and recorded in the audit log. The dashboard shows "
        "it on its next rerun.",
    },
    "data_not_written": {"zh": "未写入快照:", "en": "The snapshot was not written:"},
    "data_notes": {"zh": "提示", "en": "Notes"},
    "data_snapshots": {"zh": "数据快照", "en": "Snapshots"},
    "data_snapshots_caption": {
        "zh": "每个快照的来源、报送单位、上传人、写入时间、文件与行数;未通过检查的快照列出其问题,不在看板中使用。",
        "en": "Each snapshot's source, who delivered and uploaded it, when it was written, its files and rows. "
        "A snapshot that failed its checks lists its problems and is not used by the dashboard.",
    },
    "data_snapshot_failed": {"zh": "{as_of} 未通过检查({n} 个问题)", "en": "{as_of} failed its checks ({n} problems)"},
    "data_none": {"zh": "尚无数据快照。", "en": "No snapshot yet."},
    "data_col_file": {"zh": "文件", "en": "File"},
    "data_col_column": {"zh": "列", "en": "Column"},
    "data_col_rows": {"zh": "行号", "en": "Rows"},
    "data_col_row_count": {"zh": "行数", "en": "Row count"},
    "data_col_message_zh": {"zh": "问题(中文)", "en": "Problem (Chinese)"},
    "data_col_message_en": {"zh": "问题(英文)", "en": "Problem (English)"},
    "data_col_size": {"zh": "大小(字节)", "en": "Size (bytes)"},
    "data_col_encoding": {"zh": "编码或工作表", "en": "Encoding or sheet"},
    "data_col_date": {"zh": "日期", "en": "Date"},
    "data_col_source": {"zh": "来源", "en": "Source"},
    "data_col_delivered": {"zh": "报送单位", "en": "Delivered by"},
    "data_col_uploaded": {"zh": "上传人", "en": "Uploaded by"},
    "data_col_written": {"zh": "写入时间", "en": "Written"},
    "data_col_files": {"zh": "文件", "en": "Files"},
    "data_col_status": {"zh": "状态", "en": "Status"},
    "data_status_ok": {"zh": "通过检查", "en": "passed its checks"},
    "data_status_failed": {"zh": "未通过检查", "en": "failed its checks"},
}
