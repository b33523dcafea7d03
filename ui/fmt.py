"""Numbers as the zone publishes them: 亿元 and 万元 in Chinese, millions in English."""

import math

from ui.strings import t

YI = 100_000_000
WAN = 10_000


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def yuan_parts(value, lang: str = "zh", unit: str = "auto") -> tuple[str, str]:
    """Money as published, as (number, unit): `1400.49`/`亿元`, `199`/`亿元` (2 decimals) or `1872.6`/`万元`.

    English gives CNY millions, which keeps the same precision.
    """
    if _missing(value):
        return "—", ""
    value = float(value)
    if lang == "en":
        return f"{value / 1_000_000:,.3f}".rstrip("0").rstrip("."), "m CNY"
    if unit == "yi" or (unit == "auto" and abs(value) >= YI):
        return f"{value / YI:.2f}".removesuffix(".00"), "亿元"
    return f"{value / WAN:.1f}", "万元"


def yuan(value, lang: str = "zh", unit: str = "auto") -> str:
    """Money as published: `1400.49亿元`, `1872.6万元`; `CNY 140,049 m` in English."""
    number, unit_text = yuan_parts(value, lang, unit)
    if lang == "en" and unit_text:
        return f"CNY {number} m"
    return number + unit_text


def area_parts(value, lang: str = "zh") -> tuple[str, str]:
    """Floor area as (number, unit): `332`/`万平方米`; English in million m²."""
    if _missing(value):
        return "—", ""
    if lang == "en":
        return f"{float(value) / 1_000_000:,.3f}".rstrip("0").rstrip("."), "million m²"
    return f"{float(value) / WAN:.2f}".rstrip("0").rstrip("."), "万平方米"


def area_m2(value, lang: str = "zh") -> str:
    """Floor area: `332万平方米`; English in million m²."""
    number, unit = area_parts(value, lang)
    return f"{number} {unit}" if lang == "en" and unit else number + unit


def count(value, unit: str = "", lang: str = "zh", signed: bool = False) -> str:
    """A count: `1179` in Chinese, `1,179` in English; `+206` when signed (a change)."""
    if _missing(value):
        return "—"
    sign = "+" if signed else ""
    if lang == "en":
        return f"{int(value):{sign},}" + (f" {unit}" if unit else "")
    return f"{int(value):{sign}}{unit}"


def pct(value, signed: bool = False) -> str:
    """A percentage with two decimals, as published: `9.79%`, or `+9.79%` when signed."""
    if _missing(value):
        return "—"
    return f"{float(value):+.2f}%" if signed else f"{float(value):.2f}%"


def days(value, lang: str = "zh") -> str:
    """A number of days: `9天`, `1 day`, `9.5 days`."""
    if _missing(value):
        return "—"
    number = f"{float(value):.1f}".removesuffix(".0")
    return t("disputes_one_day", lang) if number == "1" else t("disputes_days", lang, n=number)
