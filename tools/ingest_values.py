"""Turn the text of an export's cells into values of the contract's types, naming what cannot be read.

The rules are the ones a person exporting from Excel needs: numbers may carry thousands separators
and a zero fraction (`1,234`, `1234.0`), full-width digits are read as digits, yes/no columns take
TRUE/FALSE, 1/0, yes/no or 是/否, dates take `2022-09-30`, `2022/9/30`, `2022.9.30`, `2022年9月30日`
and `20220930` (a time after the date is dropped), and a `month` column also takes `2022-09` or
`2022年9月`. An empty cell is an empty value. Anything else is refused with a reason, never guessed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

import pyarrow as pa

from queries.contract import Column
from tools.demo_snapshot import ARROW_TYPES

LIMITS = {"INTEGER": 2**31 - 1, "BIGINT": 2**63 - 1}
WHOLE = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0*)?")
SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
DAY = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
COMPACT_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
MONTH = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?")
SERIAL = re.compile(r"[0-9]{5}(?:\.[0-9]+)?")
TRUE = {"true", "t", "yes", "y", "1", "是", "真"}
FALSE = {"false", "f", "no", "n", "0", "否", "假"}

# reason -> (English, Chinese)
REASONS = {
    "whole": ("not a whole number", "不是整数"),
    "scientific": (
        "a number in scientific notation, which may have lost digits: format the column as a number "
        "without decimals before exporting",
        "数字为科学计数法,可能已丢失位数:导出前请把该列设为不带小数的数值格式",
    ),
    "too_large": ("too large for this column", "数值超出该列的范围"),
    "number": ("not a number", "不是数字"),
    "boolean": ("not a yes/no value (write TRUE/FALSE, 1/0 or 是/否)", "不是“是/否”值(请写 TRUE/FALSE、1/0 或 是/否)"),
    "date": ("not a date (write dates as YYYY-MM-DD, e.g. 2022-09-30)", "不是日期(请写成 YYYY-MM-DD,如 2022-09-30)"),
    "no_such_day": ("not a real calendar date", "日历上没有这一天"),
    "serial": (
        "a number where a date is expected (an Excel date serial number?): format the column as a date "
        "before exporting",
        "应为日期却是数字(Excel 日期序列号?):导出前请把该列设为日期格式",
    ),
}


class Unreadable(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _plain(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII (１２３，４５６ -> 123,456)."""
    return unicodedata.normalize("NFKC", text).strip()


def whole(text: str, type_name: str) -> int:
    s = _plain(text)
    if WHOLE.fullmatch(s):
        value = int(s.replace(",", "").split(".")[0])
        if abs(value) > LIMITS[type_name]:
            raise Unreadable("too_large")
        return value
    if SCIENTIFIC.fullmatch(s):
        raise Unreadable("scientific")
    raise Unreadable("whole")


def number(text: str) -> float:
    s = _plain(text)
    if not DECIMAL.fullmatch(s):
        raise Unreadable("number")
    value = float(s)
    if not math.isfinite(value):
        raise Unreadable("number")
    return value


def boolean(text: str) -> bool:
    s = _plain(text).lower()
    if s in TRUE or s in {"1.0"}:
        return True
    if s in FALSE or s in {"0.0"}:
        return False
    raise Unreadable("boolean")


def date(text: str, *, month: bool = False) -> dt.date:
    s = _plain(text)
    found = DAY.fullmatch(s) or COMPACT_DAY.fullmatch(s)
    if found:
        y, m, d = (int(g) for g in found.groups())
    elif month and (found := MONTH.fullmatch(s)):
        (y, m), d = (int(g) for g in found.groups()), 1
    elif SERIAL.fullmatch(s):
        raise Unreadable("serial")
    else:
        raise Unreadable("date")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise Unreadable("no_such_day") from None


def parse(column: Column, text: str):
    """The value of one non-empty cell in `column`; raises Unreadable with the reason."""
    kind = column.type
    if kind == "VARCHAR":
        return text
    if kind in LIMITS:
        return whole(text, kind)
    if kind == "DOUBLE":
        return number(text)
    if kind == "BOOLEAN":
        return boolean(text)
    if kind == "DATE":
        return date(text, month=column.name == "month")
    raise AssertionError(f"no parser for {kind}")


@dataclass
class Parsed:
    """One column of a table: its typed values (None where empty or unreadable) and what failed."""

    values: pa.Array
    failures: dict[str, list[tuple[int, str]]]  # reason -> [(row number, text)]
    empty_rows: list[int]


def parse_column(column: Column, cells: list[tuple[int, str]]) -> Parsed:
    """Typed values of `(row number, text)` cells; unreadable cells become None and are listed."""
    values: list = []
    failures: dict[str, list[tuple[int, str]]] = {}
    empty: list[int] = []
    for row, text in cells:
        if not text:
            values.append(None)
            empty.append(row)
            continue
        try:
            values.append(parse(column, text))
        except Unreadable as bad:
            values.append(None)
            failures.setdefault(bad.reason, []).append((row, text))
    return Parsed(pa.array(values, type=ARROW_TYPES[column.type]), failures, empty)


def shown(text: str, width: int = 30) -> str:
    """A cell's text quoted for a message, control characters escaped, long text cut."""
    clean = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return "“" + (clean if len(clean) <= width else clean[: width - 1] + "…") + "”"


def describe(reason: str, column: Column, found: list[tuple[int, str]], examples: int = 3) -> tuple[str, str]:
    """English and Chinese text of one kind of failure, with a few of the values found."""
    en, zh = REASONS[reason]
    if reason == "too_large":
        en, zh = f"{en} (at most {LIMITS[column.type]:,})", f"{zh}(最大 {LIMITS[column.type]:,})"
    distinct = list(dict.fromkeys(text for _, text in found))
    values = [shown(t) for t in distinct[:examples]]
    more = len(distinct) - len(values)
    listed = ", ".join(values) + (f" and {more} other values" if more else "")
    listed_zh = "、".join(values) + (f" 等 {len(distinct)} 个值" if more else "")
    return f"{en}: found {listed}", f"{zh}:发现 {listed_zh}"
