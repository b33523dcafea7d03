"""KPI rows drawn from the metric catalogue (`queries/metrics.py`): a page names the metrics, this
module reads them under the filters and draws each as a card with its value, change, tag and notes;
the big screen's tiles come from the same readings."""

import math

from queries import metrics
from ui import briefing, fmt, provenance, screen, widgets
from ui.strings import STRINGS, t


def value_text(metric: metrics.Metric, value, lang: str, signed: bool = False) -> str:
    """A metric's value in its unit (from its column's suffix), as the zone publishes it."""
    unit = metric.unit
    if unit == "yuan":
        text = fmt.yuan(value, lang, metric.money)
        return f"+{text}" if signed and not _missing(value) and value > 0 else text
    if unit == "m2":
        return fmt.area_m2(value, lang)
    if unit == "pct":
        if signed:
            return "—" if _missing(value) else t("grids_pp", lang, value=f"{value:+.2f}")
        return fmt.pct(value)
    if unit == "days":
        return fmt.days(value, lang)
    number, word = parts(metric, value, lang, signed)
    return f"{number}{word}" if lang == "zh" else number


def parts(metric: metrics.Metric, value, lang: str, signed: bool = False) -> tuple[str, str]:
    """A value as (number, unit word), for the big screen's large figures: `1400.49`/`亿元`, `470`/`起`."""
    if metric.unit == "yuan":
        return fmt.yuan_parts(value, lang, metric.money)
    if metric.unit == "m2" and not signed:
        return fmt.area_parts(value, lang)
    if metric.unit != "count":
        return value_text(metric, value, lang, signed), ""
    word = t(metric.unit_name, lang) if metric.unit_name and not signed and not _missing(value) else ""
    return fmt.count(value, lang=lang, signed=signed), word


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _column_text(column: str, value, lang: str) -> str:
    """A note's value, formatted by its column's suffix."""
    if column.endswith("_role"):
        return t(f"grids_role_{value}", lang) if f"grids_role_{value}" in STRINGS else str(value)
    if column.endswith("_yuan"):
        return fmt.yuan(value, lang)
    if column.endswith("_m2"):
        return fmt.area_m2(value, lang)
    if column.endswith("_pct"):
        return fmt.pct(value, signed=column.startswith("growth"))
    if column.endswith("_days"):
        return fmt.days(value, lang)
    return fmt.count(value, lang=lang)


def note_text(note: metrics.Note | None, reading: metrics.Reading, lang: str) -> str | None:
    """The note under a card, or None where the metric is zero or a value it names is missing."""
    if note is None or reading.row is None or _missing(reading.value) or reading.value == 0:
        return None
    values = {name: reading.row.get(column) for name, column in note.values}
    if any(_missing(v) for v in values.values()):
        return None
    columns = dict(note.values)
    return t(note.text, lang, **{name: _column_text(columns[name], v, lang) for name, v in values.items()})


def tag_of(reading: metrics.Reading) -> provenance.Provenance:
    """Published only where the value (and its change on last year, if shown) is the article's figure."""
    metric, snap, park = reading.metric, reading.snapshot, reading.park_id
    prov = provenance.of(metric.figure, reading.value, park, snap)
    if metric.growth_figure is None:
        return prov
    return provenance.both(prov, provenance.of(metric.growth_figure, reading.growth, park, snap))


def delta(reading: metrics.Reading, lang: str) -> dict:
    """What a card says under its value, as st.metric's arguments: the change on last year, or since the
    previous snapshot, or an alert's state (the briefing prints the same words)."""
    metric = reading.metric
    extra = {}
    if metric.growth is not None and not _missing(reading.growth):
        extra = {"delta": fmt.pct(reading.growth, signed=True), "delta_description": t("vs_last_year", lang)}
    elif reading.change is not None:
        extra = {
            "delta": value_text(metric, reading.change, lang, signed=True),
            "delta_description": t("vs_snapshot", lang, date=reading.previous_date),
            "delta_color": "normal" if metric.better == "up" else "inverse",
        }
        if reading.change == 0:  # no change is neither better nor worse: grey, without an arrow
            extra |= {"delta_color": "off", "delta_arrow": "off"}
    if metric.alert:
        over = not _missing(reading.value) and reading.value > 0
        extra = {
            "delta": t("disputes_overdue_delta" if over else "disputes_overdue_clear", lang),
            "delta_color": "red" if over else "green",
            "delta_arrow": "off",
            "icon": ":material/warning:" if over else ":material/check_circle:",
        }
    return extra


def card(reading: metrics.Reading, lang: str, **params) -> None:
    """One KPI card of a reading; `params` fill the label's placeholders (a page's limit, say)."""
    metric = reading.metric
    extra = delta(reading, lang)
    if reading.series is not None and len(reading.series) > 1:
        extra |= {"chart_data": reading.series, "chart_type": metric.sparkline_type}
    widgets.kpi_card(
        t(metric.label, lang, **params),
        value_text(metric, reading.value, lang),
        tag_of(reading),
        reading.snapshot,
        lang,
        note=note_text(metric.note, reading, lang),
        definition=t(metric.definition, lang, **params) if metric.definition else None,
        **extra,
    )


def line(reading: metrics.Reading, lang: str, **params) -> briefing.Kpi:
    """A reading as a line of a briefing: what its card says, as text."""
    metric, prov = reading.metric, tag_of(reading)
    number, word = parts(metric, reading.value, lang)
    shown = delta(reading, lang)
    notes = [t("zone_only_short", lang)] if prov.zone_only else []
    notes += [n for n in (note_text(metric.note, reading, lang),) if n]
    return briefing.Kpi(
        label=t(metric.label, lang, **params),
        value=number,
        unit=word,
        change=shown.get("delta", ""),
        change_note=shown.get("delta_description", ""),
        tag=t(widgets.TAG_BADGES[prov.kind][2], lang),
        tag_kind=prov.kind,
        note=" · ".join(notes),
        sentence=prov.sentence if prov.published else None,
    )


def row(keys: list[str], f, **params) -> list[metrics.Reading]:
    """A row of KPI cards, one per catalogue key, under the filters `f`; returns the readings."""
    readings = metrics.read_all(keys, f.snapshot, f.park_id, **params)
    briefing.kpis([line(reading, f.lang, **params) for reading in readings])
    with widgets.kpi_row():
        for reading in readings:
            card(reading, f.lang, **params)
    return readings


def tile(reading: metrics.Reading, lang: str) -> screen.Tile:
    """A big-screen tile of a reading: its figure, unit word, tag and the metric's screen note."""
    number, word = parts(reading.metric, reading.value, lang)
    foot = note_text(reading.metric.screen_note, reading, lang) or ""
    return screen.Tile(t(reading.metric.label, lang), number, word, tag_of(reading).kind, foot)
