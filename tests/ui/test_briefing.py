"""The PDF briefing's document (ui/briefing.py, ui/briefing_pdf.py): embedded CJK fonts, tables whose
header repeats on every page, and no markup from a value, whatever it holds."""

import dataclasses
import re
import subprocess

import pandas as pd
import pytest

from tests.pages.helpers import open_app
from ui import briefing, briefing_pdf, downloads

HOSTILE = '<script>alert(1)</script><img src="file:///etc/passwd"><style>*{display:none}</style>'


def text_of(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


@pytest.fixture(scope="module")
def overview() -> briefing.Briefing:
    """The overview's briefing for the zone, as its run collected it."""
    return open_app("overview.py").session_state[briefing.STATE_KEY]


def with_table(collected: briefing.Briefing, frame: pd.DataFrame) -> dict:
    doc = briefing_pdf.document(collected)
    doc["sections"].append(
        {
            "heading": "table",
            "items": [{"kind": "table", "frame": frame, "shown_as": (None, None), "title": "表 Table"}],
        }
    )
    return doc


def test_the_chinese_font_is_embedded(overview):
    pdf = briefing.build(overview)
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # the "emb" column
    assert "三级(企业地块)网格" in text_of(pdf)  # and the text is text


def test_a_long_table_repeats_its_header_on_every_page(overview):
    frame = pd.DataFrame({"序号 No.": range(1, 151), "企业 Firm": [f"福建晋江第{i}号企业有限公司" for i in range(150)]})
    pages = [p.strip() for p in text_of(briefing_pdf.pdf(with_table(overview, frame))).split("\f") if p.strip()]
    first = next(n for n, page in enumerate(pages) if "福建晋江第0号企业有限公司" in page)
    last = next(n for n, page in enumerate(pages) if "福建晋江第149号企业有限公司" in page)
    assert last > first, "150 rows fit one page"
    for page in pages[first + 1 : last + 1]:
        assert page.splitlines()[0].split() == ["序号", "No.", "企业", "Firm"], page[:200]


def test_no_value_becomes_markup(overview):
    hostile = dataclasses.replace(overview, scope=HOSTILE, choices=[(HOSTILE, HOSTILE)])
    doc = with_table(hostile, pd.DataFrame({HOSTILE: [HOSTILE, 1]}))
    kpi = briefing.Kpi(*[HOSTILE] * 6, "demo", HOSTILE, HOSTILE)
    doc["sections"][0]["items"].insert(0, {"kind": "kpis", "kpis": [briefing_pdf._numbered(kpi, [])]})
    markup = briefing_pdf.html(briefing_pdf.prepared(doc))
    assert "<script" not in markup and '<img src="file' not in markup and "<style>*" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    text = "".join(text_of(briefing_pdf.pdf(doc)).split())
    assert "<script>alert(1)</script>" in text  # printed as the text it is


def test_a_hostile_park_or_language_in_the_url_reaches_no_briefing():
    at = open_app("labor_disputes.py", park="<script>alert(1)</script>", lang='en"><img src=x>')
    collected = at.session_state[briefing.STATE_KEY]
    markup = briefing_pdf.html(briefing_pdf.prepared(briefing_pdf.document(collected)))
    assert "<img src=x" not in markup and "<script" not in markup and "alert(1)" not in markup
    text = text_of(briefing.build(collected))
    assert "范围: 全区(所有园区)" in text and "alert" not in text  # refused: the zone, in Chinese


def test_cells_read_as_the_screen_shows_them():
    assert briefing_pdf.cell(1179) == "1,179"
    assert briefing_pdf.cell(float("nan")) == "—" and briefing_pdf.cell(None) == "—"
    assert briefing_pdf.cell(9.79, "%.2f%%") == "9.79%"
    assert briefing_pdf.cell(18726000.0) == "18,726,000"
    assert briefing_pdf.cell(pd.Timestamp("2022-09-30")) == "2022-09-30"


def test_a_table_too_long_for_a_briefing_prints_its_first_rows_and_carries_them_all(overview, monkeypatch, tmp_path):
    monkeypatch.setattr(briefing_pdf, "MAX_TABLE_CELLS", 6)  # three rows of two columns
    frame = pd.DataFrame({"企业": [f"企业{i}" for i in range(9)] + ["=HYPERLINK(1)"], "n": range(10)})
    doc = briefing_pdf.prepared(with_table(overview, frame))
    assert [row[0] for row in doc["sections"][-1]["items"][0]["rows"]] == ["企业0", "企业1", "企业2"]
    assert "此处列出前 3 行(共 10 行);全部行见本 PDF 的附件 01_表_Table.csv" in briefing_pdf.html(doc)

    (tmp_path / "b.pdf").write_bytes(briefing_pdf.pdf(with_table(overview, frame)))
    listed = subprocess.run(["pdfdetach", "-list", tmp_path / "b.pdf"], capture_output=True, check=True, text=True)
    assert "01_表_Table.csv" in listed.stdout
    subprocess.run(["pdfdetach", "-save", "1", "-o", tmp_path / "t.csv", tmp_path / "b.pdf"], check=True)
    attached = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert attached.equals(downloads.escaped(frame))  # every row, escaped as the page's CSV download is
    assert attached.iloc[-1, 0] == "'=HYPERLINK(1)"


def test_the_pdf_engine_may_load_nothing_but_the_charts_being_drawn():
    fetcher = briefing_pdf._ChartFetcher([])
    for url in ("file:///etc/passwd", "chart:0", "chart:../x", "http://127.0.0.1:9/", "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_chart_drawn_in_a_kept_tab_is_the_chart_drawn_in_a_fresh_one(monkeypatch):
    """The charts' tabs are reloaded only every RELOAD_EVERY charts: a chart drawn after others is drawn as
    in a fresh tab (plotly's random clip ids aside), and the tabs are reloaded as often as said."""
    import plotly.graph_objects as go
    from kaleido._kaleido_tab._tab import _KaleidoTab

    def draw(figure) -> str:
        svg = briefing_pdf.CHARTS.drawing([(figure, 600, 300)])[0].result(briefing_pdf.SVG_TIMEOUT_S).decode()
        return re.sub(r"(clip|legend|topdefs|defs-|trace)[0-9a-f]{6}", r"\1", svg)

    bars = go.Figure(go.Bar(x=["五里园", "安东园"], y=[3, 5]), layout={"title": "柱"})
    lines = go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3], mode="lines+markers"))
    draw(bars)  # the browser is started
    briefing_pdf.CHARTS.close()  # and started again: both tabs fresh
    reloads = []
    original = _KaleidoTab.reload

    async def counted(tab):
        reloads.append(tab)
        await original(tab)

    monkeypatch.setattr(_KaleidoTab, "reload", counted)
    monkeypatch.setattr(briefing_pdf, "RELOAD_EVERY", 2)
    fresh = draw(bars)
    drawn = [draw(lines), draw(bars), draw(lines)]  # one at a time: the two tabs take turns
    assert fresh.startswith("<svg") and "五里园" in fresh
    assert drawn[1] == fresh and drawn[0] == drawn[2] != fresh
    assert len(reloads) == 2 and reloads[0] is not reloads[1]  # each tab after its second chart


def test_an_attached_tables_name_is_its_heading_in_plain_characters():
    assert briefing_pdf.attachment_name(1, "安东园 · 企业名录") == "01_安东园_企业名录.csv"
    assert briefing_pdf.attachment_name(12, 'a/b:c*"d"') == "12_a_b_c_d.csv"


def test_a_column_is_as_wide_as_its_cells_and_its_headers_longest_word():
    frame = pd.DataFrame({"园区": ["安东园"], "新加入": [3], "首批联系职工党员 2022-06-30": [39]})
    widths = briefing_pdf.table_rows(frame, {})["widths"]
    assert widths[0] == widths[1]  # 安东园 and 新加入: six each, unwrapped
    assert widths[2] > widths[0]  # the longest word of the third header is its sixteen-wide 首批联系职工党员
