"""Find and read the export files of an ingest: one CSV or XLSX file per table, as rows of text.

Every cell comes back as stripped text ("" for an empty cell), whatever the file's format, so the
same rules turn CSV and Excel values into typed ones (tools/ingest_values.py). Each row keeps the
number a person sees in the file: the header is row 1 and data start at row 2 (for a CSV file the
record number, which is the row Excel shows even when a quoted value spans lines).

CSV text is UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), GBK/GB18030 (Excel's
"CSV (逗号分隔)" on a Chinese Windows) or UTF-16 with a byte-order mark; the delimiter is a comma,
a tab or a semicolon, whichever the header line uses most.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import string
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from queries.contract import TABLES
from queries.validate import Problem, problem

EXTENSIONS = (".csv", ".xlsx")
UNSUPPORTED = {
    ".xls": (
        "the old Excel format .xls is not supported: save it as .xlsx or CSV UTF-8",
        "不支持旧版 .xls 格式:请另存为 .xlsx 或 CSV UTF-8",
    ),
    ".xlsm": (
        "macro workbooks (.xlsm) are not read: save it as .xlsx or CSV UTF-8",
        "不读取含宏的工作簿 .xlsm:请另存为 .xlsx 或 CSV UTF-8",
    ),
    ".txt": ("text files are not read: save it as CSV (.csv) or .xlsx", "不读取 .txt 文件:请另存为 .csv 或 .xlsx"),
}
STRUCTURE_TABLES = ("parks", "grids", "enterprises")  # a snapshot without rows in these is useless
ROWS_SHOWN = 10  # rows named per problem; the count of the others follows
# a workbook is a zip file: one that unpacks to more than this, or far more than it holds, is refused
# unread (a "zip bomb" would keep the reader busy for minutes and fill the memory)
XLSX_UNPACKED_LIMIT = 512 * 2**20
XLSX_RATIO_LIMIT, XLSX_RATIO_FROM = 200, 16 * 2**20  # unpacked/packed, for members larger than this
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


@dataclass
class Source:
    """One table's export file, read as text."""

    table: str
    path: Path
    encoding: str = ""  # how the text was decoded, or the sheet read
    header: list[str] = field(default_factory=list)  # normalised column names (stripped, lower case)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    notes: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name


def column_label(index: int) -> str:
    """Column number and Excel letter of a 0-based index: `5 (E)`."""
    n, letters = index + 1, ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return f"{index + 1} ({letters})"


def locate(
    source_dir: Path, shown_as: tuple[str, str] | None = None
) -> tuple[dict[str, Path], list[Problem], list[str]]:
    """The file of each table in `source_dir` (names compared case-insensitively), problems, notes;
    the messages call the folder `shown_as` (English, Chinese; by default its path)."""
    where, where_zh = shown_as or (str(source_dir), str(source_dir))
    found: dict[str, list[Path]] = {name: [] for name in TABLES}
    problems: list[Problem] = []
    notes: list[str] = []
    for path in sorted(p for p in source_dir.iterdir() if p.is_file()):
        stem, suffix = path.stem.strip().lower(), path.suffix.lower()
        if path.name.startswith((".", "~$")):  # hidden files, Excel's lock files
            continue
        if stem in found and suffix in EXTENSIONS:
            found[stem].append(path)
        elif stem in found and suffix in UNSUPPORTED:
            message, zh = UNSUPPORTED[suffix]
            problems.append(problem(path.name, "", message, zh=zh))
        else:
            notes.append(f"{path.name}: not a table of the contract, ignored / 非约定的表,已忽略")
    files: dict[str, Path] = {}
    for name, paths in found.items():
        if len(paths) > 1:
            listed = [p.name for p in paths]
            problems.append(
                problem(
                    paths[0].name,
                    "",
                    f"two files for table {name} ({' and '.join(listed)}): keep only one",
                    zh=f"表 {name} 有两个文件({'、'.join(listed)}):只保留一个",
                )
            )
        elif paths:
            files[name] = paths[0]
        elif not any(p.file.lower().startswith(name + ".") for p in problems):
            problems.append(
                problem(
                    f"{name}.csv",
                    "",
                    f"file is missing (looked for {name}.csv or {name}.xlsx in {where})",
                    zh=f"文件缺失(在{where_zh}中未找到 {name}.csv 或 {name}.xlsx)",
                )
            )
    return files, problems, notes


def read(table: str, path: Path) -> tuple[Source | None, list[Problem]]:
    """The rows of one export file as text (None when its values cannot be used), and the problems of its form.

    A repeated column name is a problem, but the file's values are still checked (the first column
    of that name is read); a file that cannot be decoded, whose rows do not fit its header, or an
    empty structure table (parks, grids, enterprises) is not read further: its values would only
    produce noise.
    """
    source = Source(table, path)
    try:
        if path.suffix.lower() == ".xlsx":
            problems = _read_xlsx(source)
        else:
            problems = _read_csv(source)
    except OSError as error:
        return None, [problem(path.name, "", f"cannot be opened ({error.strerror or error})", zh="无法打开文件")]
    if problems:
        return None, problems
    problems = _check_header(source)
    if not source.rows and table in STRUCTURE_TABLES:
        problems.append(problem(path.name, "", "has a header but no data rows", zh="只有表头,没有数据行"))
        return None, problems
    return source, problems


def _decode(data: bytes, file: str) -> tuple[str | None, str, list[Problem]]:
    if data.startswith(b"PK\x03\x04"):
        message = "is an Excel workbook with a .csv name: rename it to .xlsx"
        return None, "", [problem(file, "", message, zh="实为 Excel 工作簿却以 .csv 命名:请改名为 .xlsx")]
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 with BOM", []
        except UnicodeDecodeError as error:
            return None, "", [_bad_bytes(file, data, error, "UTF-8")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16", []
        except UnicodeDecodeError as error:
            return None, "", [_bad_bytes(file, data, error, "UTF-16")]
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError as error:
        # UTF-8 Chinese (three bytes a character) before the bad byte: a damaged UTF-8 file, not GBK. A GBK
        # pair may also read as a two-byte UTF-8 character (皮 is C6 A4), which is not Chinese.
        before = data[: error.start].decode("utf-8", errors="ignore")
        if any(ord(c) >= 0x800 for c in before):
            return None, "", [_bad_bytes(file, data, error, "UTF-8")]
    try:
        return data.decode("gb18030"), "GBK", []
    except UnicodeDecodeError as error:
        return None, "", [_bad_bytes(file, data, error, "UTF-8 or GBK")]


def _bad_bytes(file: str, data: bytes, error: UnicodeDecodeError, encoding: str) -> Problem:
    line = data[: error.start].count(b"\n") + 1
    byte = data[error.start : error.start + 1].hex().upper()
    return problem(
        file,
        "",
        f"is not {encoding} text: byte 0x{byte} on line {line} cannot be read; save it as CSV UTF-8",
        zh=f"不是 {encoding} 编码的文本:第 {line} 行的字节 0x{byte} 无法识别;请另存为 CSV UTF-8",
    )


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _unwrap(text: str) -> str:
    """`="00123"`, the way some exports keep Excel from reading a code as a number, is the text 00123."""
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        return text[2:-1].strip()
    return text


def _read_csv(source: Source) -> list[Problem]:
    data = source.path.read_bytes()
    if not data.strip():
        return [problem(source.file, "", "is empty: the first row must name the columns", zh="文件为空:第一行应为列名")]
    text, encoding, problems = _decode(data, source.file)
    if text is None:
        return problems
    source.encoding = encoding
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    extra_rows: list[int] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [_unwrap(c.strip()) for c in record]
            if number == 1:
                source.header = cells
                continue
            if not any(cells):
                continue
            width = len(source.header)
            if len(cells) > width and any(cells[width:]):
                extra_rows.append(number)
            source.rows.append((number, (cells + [""] * width)[:width]))
    except csv.Error as error:
        return [
            problem(
                source.file,
                "",
                f"row {number + 1} cannot be read as CSV ({error})",
                zh=f"第 {number + 1} 行不是有效的 CSV({error})",
            )
        ]
    if extra_rows:
        problems.append(
            problem(
                source.file,
                "",
                "has more values than the header has columns (a comma inside a value that is not quoted?)",
                extra_rows[:ROWS_SHOWN],
                len(extra_rows),
                zh="值的个数多于表头的列数(值中含有未加引号的逗号?)",
            )
        )
    return problems


def cell_text(value) -> str:
    """An Excel cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _workbook_problem(source: Source) -> Problem | None:
    """Why `source` is not opened as a workbook: not a zip file, not a workbook, or one that would
    unpack to too much. The sizes come from the zip's own directory; Python's zip reader never
    unpacks more than a member declares."""
    try:
        with zipfile.ZipFile(source.path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return problem(
            source.file,
            "",
            "is not an Excel workbook (.xlsx is a zip file; this one is not)",
            zh="不是 Excel 工作簿(.xlsx 文件)",
        )
    names = {m.filename for m in members}
    if not all(part in names for part in XLSX_PARTS):
        return problem(
            source.file,
            "",
            "is a zip file but not an Excel workbook (no xl/workbook.xml)",
            zh="是压缩文件,但不是 Excel 工作簿",
        )
    unpacked = sum(m.file_size for m in members)
    swollen = [m for m in members if m.file_size > XLSX_RATIO_FROM and m.file_size > XLSX_RATIO_LIMIT * m.compress_size]
    if unpacked > XLSX_UNPACKED_LIMIT or swollen:
        mib, packed = unpacked / 2**20, source.path.stat().st_size / 2**20
        return problem(
            source.file,
            "",
            f"unpacks to {mib:,.0f} MiB from {packed:,.1f} MiB: refused unread as a possible "
            f"zip bomb (a workbook may unpack to at most {XLSX_UNPACKED_LIMIT // 2**20} MiB, "
            f"{XLSX_RATIO_LIMIT} times its packed size)",
            zh=f"解压后达 {mib:,.0f} MiB,疑似压缩炸弹,未读取",
        )
    return None


def _read_xlsx(source: Source) -> list[Problem]:
    import openpyxl  # only an ingest of .xlsx files needs it
    from openpyxl.utils.exceptions import InvalidFileException

    if (refused := _workbook_problem(source)) is not None:
        return [refused]
    try:
        book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError, EOFError, zipfile.BadZipFile) as error:
        return [
            problem(
                source.file,
                "",
                f"cannot be read as an Excel workbook ({type(error).__name__}: {str(error)[:80]})",
                zh="无法作为 Excel 工作簿读取",
            )
        ]
    try:
        sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
        sheet = sheets.get(source.table) or book.worksheets[0]
        source.encoding = f"sheet {sheet.title}"
        if len(book.worksheets) > 1:
            source.notes.append(
                f"{source.file}: read sheet “{sheet.title}” of {len(book.worksheets)} / 读取了工作表“{sheet.title}”"
            )
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in row]
            if number == 1:
                while cells and not cells[-1]:
                    cells.pop()
                source.header = cells
                continue
            if not any(cells):
                continue
            width = len(source.header)
            source.rows.append((number, (cells + [""] * width)[:width]))
    finally:
        book.close()
    if not source.header:
        return [
            problem(
                source.file,
                "",
                "row 1 is empty: the first row must name the columns",
                zh="第 1 行为空:第一行应为列名",
            )
        ]
    return []


def _check_header(source: Source) -> list[Problem]:
    """Normalise the header (stripped, lower case); repeated names are problems, unknown ones notes."""
    problems = []
    table = TABLES[source.table]
    known = {c.name for c in table.columns + table.extras}
    names = [h.strip().lstrip("\ufeff").lower() for h in source.header]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            if any(cells[i] for _, cells in source.rows):
                source.notes.append(
                    f"{source.file}: column {column_label(i)} has values but no name, ignored / 该列无列名,已忽略"
                )
            continue
        if name in seen and name in known:
            problems.append(
                problem(
                    source.file,
                    name,
                    f"column name appears more than once in the header (columns {column_label(seen[name])} "
                    f"and {column_label(i)})",
                    zh=f"表头中列名重复(第 {column_label(seen[name])} 列和第 {column_label(i)} 列)",
                )
            )
        if name in seen:
            continue
        seen[name] = i
        if name not in known:
            source.notes.append(
                f"{source.file}: column “{source.header[i]}” is not in the contract, ignored / 非约定的列,已忽略"
            )
    source.header = names
    return problems
