"""The tables of the 数据管理 page: an upload's problems and files, and the snapshots with their manifests."""

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from queries import manifest
from queries.validate import Problem
from tools import upload
from ui import provenance, widgets
from ui.strings import t


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The problems as the command line lists them: file, column, rows, the message in Chinese and English."""
    rows = []
    for p in problems:
        shown = ", ".join(map(str, p.rows))
        if p.row_count > len(p.rows):
            shown += f" (+{p.row_count - len(p.rows)})"
        rows.append([p.file, p.column, shown, p.zh or p.message, p.message])
    columns = ["data_col_file", "data_col_column", "data_col_rows", "data_col_message_zh", "data_col_message_en"]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


def files_frame(staged: upload.Staged, lang: str) -> pd.DataFrame:
    """The files of a checked upload: name, rows, encoding or sheet, size and sha256."""
    read = {s.file: s for s in staged.checked.sources.values()} if staged.checked else {}
    rows = []
    for f in staged.files:
        source = read.get(f["file"])  # None: a file that is not a table of the contract
        rows.append(
            [f["file"], len(source.rows) if source else None, source.encoding if source else "", f["size"], f["sha256"]]
        )
    columns = ["data_col_file", "data_col_row_count", "data_col_encoding", "data_col_size"]
    return pd.DataFrame(rows, columns=[*(t(c, lang) for c in columns), "sha256"])


def source_name(record: manifest.Record, lang: str) -> str:
    """The snapshot's source in the words of its tag (报送数据, 演示数据, 来源未登记)."""
    kind = provenance.SOURCE_KINDS.get(record.source, provenance.UNRECORDED)
    return t(widgets.TAG_BADGES[kind][2], lang)


def _rows(folder: Path) -> int | None:
    """The rows of a snapshot's files, from their footers (None when one cannot be read)."""
    try:
        return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(folder.glob("*.parquet")))
    except (OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return None


def snapshots_frame(snapshots: list, lang: str) -> pd.DataFrame:
    """Each snapshot, newest first, with what its manifest says and whether it passed its checks."""
    rows = []
    for s in snapshots:
        record = manifest.record(s.path, s.fingerprint)
        export = record.fields.get("export") or []
        rows.append(
            [
                s.date,
                source_name(record, lang),
                record.delivered_by or "",
                record.uploaded_by or "",
                record.written_at or "",
                ", ".join(e.get("file", "") for e in export) or ", ".join(sorted(record.fields.get("files") or {})),
                _rows(s.path),
                t("data_status_ok" if s.valid else "data_status_failed", lang),
            ]
        )
    columns = [
        "data_col_date",
        "data_col_source",
        "data_col_delivered",
        "data_col_uploaded",
        "data_col_written",
        "data_col_files",
        "data_col_row_count",
        "data_col_status",
    ]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])
