"""A briefing (ui/briefing.py) as a PDF: A4 landscape, built from HTML and CSS by WeasyPrint, with the
charts as vector SVG drawn by plotly.js in the system chromium (kaleido).

Everything the document says is text put into an autoescaping jinja2 template, and the PDF engine may
load nothing but the inline SVG images and the local fonts (fontconfig's Noto Sans CJK): a park name
or a manifest field cannot become markup, and nothing is fetched from a network.
"""

import asyncio
import atexit
import base64
import datetime
import functools
import os
import re
import threading
import unicodedata
from pathlib import Path

import jinja2
import kaleido
import pandas as pd
import weasyprint
import weasyprint.urls
from markupsafe import Markup

from ui import briefing, provenance, widgets
from ui.strings import t

TEMPLATE = "briefing.html.j2"
CHROMIUM = "/usr/bin/chromium"
CHART_WIDTH = 1400  # px: the page's width for a chart (its 14 px font prints at about 7.5 pt)
MAX_CHART_HEIGHT = 400  # px: a chart and a table's first rows share a page
SVG_TIMEOUT_S = 30
TABS = 2  # charts drawn at once (the machine has two cores)
# WeasyPrint lays out a table row in ~6 ms here: a table longer than this (the map's 3,000 enterprises,
# the 100x data's project and case lists) is cut, with a line saying so; its downloads have every row
MAX_TABLE_ROWS = 200


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE)


class _Charts:
    """One chromium for the process, with two tabs, driven by kaleido on an event loop of its own thread:
    started on the first briefing and kept (starting one costs ~3 s), drawing a briefing's charts two at
    a time. kaleido finds the browser through BROWSER_PATH (else `chromium` on PATH); MathJax would come
    from a CDN, so it is off."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _started(self):
        with self._lock:
            if self._kaleido is None:
                if os.path.exists(CHROMIUM):
                    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="briefing-charts", daemon=True).start()
                self._kaleido = self._call(self._open(), SVG_TIMEOUT_S)
                atexit.register(self.close)
            return self._kaleido

    async def _open(self):
        browser = kaleido.Kaleido(n=TABS, mathjax=False, timeout=SVG_TIMEOUT_S)
        await browser.open()
        return browser

    def _call(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def svgs(self, jobs: list[tuple[object, int, int]]) -> list[bytes]:
        """SVG of each (figure, width, height); a browser that died is started again once."""
        for attempt in (1, 2):
            try:
                return self._call(self._draw(self._started(), jobs), SVG_TIMEOUT_S * max(1, len(jobs)))
            except Exception:
                self.close()
                if attempt == 2:
                    raise
        return []

    @staticmethod
    async def _draw(browser, jobs: list[tuple[object, int, int]]) -> list[bytes]:
        return await asyncio.gather(
            *(
                browser.calc_fig(fig, opts={"format": "svg", "width": width, "height": height})
                for fig, width, height in jobs
            )
        )

    def close(self) -> None:
        with self._lock:
            browser, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if browser is not None:
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
            except Exception:  # noqa: BLE001 a browser already gone
                pass
            loop.call_soon_threadsafe(loop.stop)


CHARTS = _Charts()


def document(collected: briefing.Briefing) -> dict:
    """What the template (ui/briefing.html.j2) prints of `collected`; the footnotes are the sentences of the
    published figures, numbered in order."""
    lang, snapshot = collected.f.lang, collected.f.snapshot
    footnotes: list[str] = []
    sections = []
    for section in collected.sections:
        items = []
        for item in section["items"]:
            if item["kind"] == "kpis":
                item = item | {"kpis": [_numbered(k, footnotes) for k in item["lines"]]}
            items.append(dict(item))
        if items or section["heading"]:
            sections.append({"heading": section["heading"], "items": items})
    meta = [
        (t("briefing_scope", lang), collected.scope),
        (t("snapshot", lang), collected.f.as_of),
        (t("briefing_generated", lang), datetime.datetime.now().strftime("%Y-%m-%d %H:%M")),
        (t("language", lang), t("briefing_language_name", lang)),
        *collected.choices,
    ]
    return {
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "app_title": t("app_title", lang),
        "briefing_word": t("briefing", lang),
        "title": collected.title,
        "scope": collected.scope,
        "as_of": collected.f.as_of,
        "meta": meta,
        "sections": sections,
        "footnotes": footnotes,
        "kpi_header": [t(f"briefing_col_{c}", lang) for c in ("kpi", "value", "unit", "change", "vs", "tag")]
        + [t("briefing_col_note", lang)],
        "footnotes_word": t("briefing_footnotes", lang),
        "rows_cut": t("briefing_rows_cut", lang),
        "page_counter": page_counter(t("briefing_page", lang)),
        "tag_word": t("download_source", lang),
        "source_tag": t(widgets.TAG_BADGES[provenance.of_snapshot(snapshot).kind][2], lang),
        "source_sentence": widgets.source_sentence(snapshot, lang),
        "source_note": t("source_note", lang),
    }


def page_counter(words: str) -> Markup:
    """CSS `content` for the page margin from our own words with {page} and {pages}: "第 " counter(page) …"""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ") + '"'

    parts = re.split(r"\{(page|pages)\}", words)
    return Markup(" ".join(quoted(p) if i % 2 == 0 else f"counter({p})" for i, p in enumerate(parts) if p))


def _numbered(kpi: briefing.Kpi, footnotes: list[str]) -> dict:
    number = None
    if kpi.sentence:
        if kpi.sentence not in footnotes:
            footnotes.append(kpi.sentence)
        number = footnotes.index(kpi.sentence) + 1
    return {**kpi.__dict__, "footnote": number}


def _data_uri(body: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(body).decode("ascii")


def cell(value, number_format: str | None = None) -> str:
    """A table cell as text: in its column's printf format if it has one, else counts with thousands
    separators and at most two decimals; a dash for nothing."""
    try:
        if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            return "—"
    except (TypeError, ValueError):  # a list or an array: not a missing value
        pass
    if isinstance(value, bool):
        return str(value)
    if number_format and isinstance(value, int | float):
        try:
            return number_format % value
        except (TypeError, ValueError):
            pass
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_rows(frame: pd.DataFrame, formats: dict[str, str], max_rows: int | None = None) -> dict:
    """A table's header, its first `max_rows` rows as text, which columns are numbers (set right) and
    each column's share of the width (by its longest text, within bounds)."""
    header = [str(c) for c in frame.columns]
    shown = frame.head(max_rows or MAX_TABLE_ROWS).astype(object)
    rows = [
        [cell(v, formats.get(name)) for v, name in zip(row, header, strict=True)]
        for row in shown.itertuples(index=False, name=None)
    ]
    numeric = [pd.api.types.is_numeric_dtype(frame.iloc[:, i]) for i in range(frame.shape[1])]
    widths = [
        min(max([_text_width(name)] + [_text_width(r[i]) for r in rows[:200]]), 36) + 2 for i, name in enumerate(header)
    ]
    shares = [round(100 * w / sum(widths), 2) for w in widths]
    return {"header": header, "rows": rows, "numeric": numeric, "widths": shares, "total": len(frame)}


def html(doc: dict) -> str:
    """The briefing's HTML, from a `prepared` document."""
    return _template().render(**doc)


def _rows_of_charts(items: list[dict]) -> list[dict]:
    """Consecutive charts two to a row (as a page sets them side by side); a chart alone spans the row."""
    out: list[dict] = []
    for item in items:
        previous = out[-1] if out else None
        if item["kind"] == "chart" and previous and previous["kind"] == "charts" and len(previous["charts"]) < 2:
            previous["charts"].append(item)
        elif item["kind"] == "chart":
            out.append({"kind": "charts", "charts": [item]})
        else:
            out.append(item)
    return out


def prepared(doc: dict) -> dict:
    """`doc` (Briefing.document()) with its charts drawn as SVG, two to a row, and its tables as text."""
    charts = []
    for section in doc["sections"]:
        section["items"] = _rows_of_charts(section["items"])
        for item in section["items"]:
            if item["kind"] == "charts":
                width = CHART_WIDTH // len(item["charts"])
                charts += [(chart, width) for chart in item["charts"]]
            elif item["kind"] == "table":
                item.update(table_rows(item["frame"], item["formats"]))
    jobs = [(chart["figure"], width, min(chart["height"], MAX_CHART_HEIGHT)) for chart, width in charts]
    for (chart, _), body in zip(charts, CHARTS.svgs(jobs) if jobs else [], strict=True):
        chart["src"] = _data_uri(body)
    return doc


def pdf(doc: dict) -> bytes:
    """The briefing `doc` (Briefing.document()) as PDF bytes. The engine may load the inline images only."""
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html(prepared(doc)), url_fetcher=fetcher).write_pdf()
