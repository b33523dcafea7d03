"""A briefing (ui/briefing.py) as a PDF: A4 landscape, built from HTML and CSS by WeasyPrint, with the
charts as vector SVG drawn by plotly.js in the system chromium (kaleido).

Everything the document says is text put into an autoescaping jinja2 template, and the PDF engine may
load nothing but the inline SVG images and the local fonts (fontconfig's Noto Sans CJK): a park name
or a manifest field cannot become markup, and nothing is fetched from a network.
"""

import asyncio
import atexit
import concurrent.futures
import contextlib
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

from ui import briefing, downloads, provenance, widgets
from ui.strings import t

TEMPLATE = "briefing.html.j2"
CHART_SCHEME = "chart"  # the URL of a chart's image in the HTML: chart:N
CHROMIUM = "/usr/bin/chromium"
CHART_WIDTH = briefing.PRINT_WIDTH
SVG_TIMEOUT_S = 30
TABS = 2  # charts drawn at once (the machine has two cores)
RELOAD_EVERY = 50  # charts a tab draws before it is loaded afresh (see _Kaleido)
# WeasyPrint lays out a table cell in about 1 ms here (a row of ten, 10 ms; chromium's print is not much
# faster): a table of more cells than this (the map's 1,400 enterprises, the 100x data's 9,100 projects)
# prints its first rows and a line saying so, and goes into the PDF whole as an attached CSV
MAX_TABLE_CELLS = 1000


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE)


class _Kaleido(kaleido.Kaleido):
    """kaleido loads a tab afresh after every chart: parsing plotly.js again was 2.0 of the 2.3 CPU seconds
    chromium spent on the disputes page's seven charts. Plotly.toImage draws each figure in
    a div of its own and removes it, so a tab is kept for RELOAD_EVERY charts, which bounds its memory."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._drawn: dict[int, int] = {}

    async def _return_kaleido_tab(self, tab) -> None:
        drawn = self._drawn[id(tab)] = self._drawn.get(id(tab), 0) + 1
        if drawn % RELOAD_EVERY == 0:
            await tab.reload()
        await self.tabs_ready.put(tab)


class _Charts:
    """One chromium for the process, with two tabs, driven by kaleido on an event loop of its own thread:
    started on the first briefing and kept (starting one costs ~3 s), drawing a briefing's charts two at
    a time. kaleido finds the browser through BROWSER_PATH (else `chromium` on PATH); MathJax would come
    from a CDN, so it is off."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._restarting = asyncio.Lock()

    def _started(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._kaleido is None:
                if os.path.exists(CHROMIUM):
                    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
                if self._loop is None:
                    self._loop = asyncio.new_event_loop()
                    threading.Thread(target=self._loop.run_forever, name="briefing-charts", daemon=True).start()
                    atexit.register(self.close)
                self._kaleido = asyncio.run_coroutine_threadsafe(self._open(), self._loop).result(SVG_TIMEOUT_S)
            return self._loop

    @staticmethod
    async def _open():
        browser = _Kaleido(n=TABS, mathjax=False, timeout=SVG_TIMEOUT_S)
        await browser.open()
        return browser

    def drawing(self, jobs: list[tuple[object, int, int]]) -> list[concurrent.futures.Future]:
        """Start drawing the SVG of each (figure, width, height): a future each, which the PDF engine waits
        for when it reaches the chart, so that chromium draws while WeasyPrint styles the document."""
        loop = self._started()
        return [asyncio.run_coroutine_threadsafe(self._svg(*job), loop) for job in jobs]

    async def _svg(self, fig, width: int, height: int) -> bytes:
        """One chart's SVG; a browser that died is started again, once."""
        browser = self._kaleido
        try:
            return await browser.calc_fig(fig, opts={"format": "svg", "width": width, "height": height})
        except Exception:
            async with self._restarting:
                if self._kaleido is browser:
                    with contextlib.suppress(Exception):  # a browser already gone
                        await browser.close()
                    self._kaleido = await self._open()
            return await self._kaleido.calc_fig(fig, opts={"format": "svg", "width": width, "height": height})

    def close(self) -> None:
        with self._lock:
            browser, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if loop is None:
            return
        if browser is not None:
            with contextlib.suppress(Exception):  # a browser already gone
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
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


def table_rows(frame: pd.DataFrame, formats: dict[str, str]) -> dict:
    """A table's header, as many of its first rows as MAX_TABLE_CELLS allows as text, which columns are
    numbers (set right) and each column's share of the width (by its longest text, within bounds)."""
    header = [str(c) for c in frame.columns]
    shown = frame.head(max(1, MAX_TABLE_CELLS // max(1, len(header)))).astype(object)
    rows = [
        [cell(v, formats.get(name)) for v, name in zip(row, header, strict=True)]
        for row in shown.itertuples(index=False, name=None)
    ]
    numeric = [pd.api.types.is_numeric_dtype(frame.iloc[:, i]) for i in range(frame.shape[1])]
    widths = [  # a header may wrap at its spaces, a cell should not; 3 for the cell's padding
        min(max([_text_width(w) for w in name.split()] + [_text_width(r[i]) for r in rows[:200]]), 36) + 3
        for i, name in enumerate(header)
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
    """`doc` (Briefing.document()) with its charts two to a row, each an image `chart:N` of its drawing job
    in `doc["chart_jobs"]`, and its tables as text; a table cut for print is also attached as CSV."""
    jobs, attachments = [], []
    for section in doc["sections"]:
        section["items"] = _rows_of_charts(section["items"])
        for item in section["items"]:
            if item["kind"] == "charts":
                width = CHART_WIDTH // len(item["charts"])
                for chart in item["charts"]:
                    chart["src"] = f"{CHART_SCHEME}:{len(jobs)}"
                    figure = chart["figure"]() if chart["deferred"] else chart["figure"]
                    jobs.append((figure, width, chart["height"]))
            elif item["kind"] == "table":
                shown, formats = briefing.printed(item["frame"], *item["shown_as"])
                item.update(table_rows(shown, formats))
                if item["total"] > len(item["rows"]):
                    item["attachment"] = attachment_name(len(attachments) + 1, item["title"])
                    attachments.append((item["attachment"], shown))
    return doc | {"chart_jobs": jobs, "attachments": attachments}


def attachment_name(number: int, title: str) -> str:
    """A file name for an attached table: its number and its heading, in characters every system allows."""
    return f"{number:02d}_" + re.sub(r'[\\/:*?"<>|\s·]+', "_", title).strip("_")[:60] + ".csv"


class _ChartFetcher(weasyprint.urls.URLFetcher):
    """The PDF engine's only source: `chart:N` is the SVG of the briefing's chart N, waited for while chromium
    draws it. Every other URL is refused, so no value can make the engine load anything."""

    def __init__(self, charts: list[concurrent.futures.Future]):
        super().__init__(allowed_protocols={CHART_SCHEME})
        self._charts = charts

    def fetch(self, url, headers=None):
        scheme, _, number = url.partition(":")
        if scheme != CHART_SCHEME or not number.isdigit() or int(number) >= len(self._charts):
            raise ValueError(f"not a chart of this briefing: {url[:80]}")
        body = self._charts[int(number)].result(SVG_TIMEOUT_S)
        return weasyprint.urls.URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})


def pdf(doc: dict) -> bytes:
    """The briefing `doc` (Briefing.document()) as PDF bytes, with its cut tables attached whole."""
    doc = prepared(doc)
    charts = CHARTS.drawing(doc["chart_jobs"]) if doc["chart_jobs"] else []
    rendered = weasyprint.HTML(string=html(doc), url_fetcher=_ChartFetcher(charts)).render()
    for chart in charts:
        chart.result(SVG_TIMEOUT_S)  # a chart that could not be drawn fails the briefing, not just its picture
    attachments = [
        weasyprint.Attachment(string=downloads.csv_bytes(frame), name=name) for name, frame in doc["attachments"]
    ]
    return rendered.write_pdf(attachments=attachments)
