"""导出简报 on the pages: each page's PDF says what the screen shows, under its filters, in its language,
and only what its role may see (ui/briefing.py)."""

import subprocess

import pytest

from queries import runner
from tests.pages.access_helpers import VISITOR, open_as, row_values, user
from tests.pages.helpers import open_app
from ui import briefing, maps
from ui.strings import t

DEMO = runner.ROOT / "data" / "snapshots" / "2022-09-30"

# the article's figures each page shows for the zone at 2022-09-30, as each language prints them
PUBLISHED = {
    ("overview.py", "zh"): ["1179", "1156", "219", "1400.49", "67.65", "470", "1573", "1872.6", "91", "199"],
    ("overview.py", "en"): ["1,179", "1,156", "219", "140,049", "470", "1,573", "18.726", "91"],
    ("labor_disputes.py", "zh"): ["470", "1573", "1872.6"],
    ("labor_disputes.py", "en"): ["470", "1,573", "18.726"],
    ("economy.py", "zh"): ["1400.49", "67.65", "588.29", "21.25", "+9.79%", "+31.64%", "+25.23%", "+29.17%", "332"],
    ("economy.py", "en"): ["140,049", "6,765", "58,829", "2,125", "+9.79%", "+31.64%", "+25.23%", "+29.17%"],
}
SENTENCE = {  # a published figure's sentence, printed as its footnote
    "overview.py": "据悉,目前已有1156名企业工作人员担任企业网格员",
    "labor_disputes.py": "累计调处劳动纠纷470起,涉及职工1573人次,涉及金额约1872.6万元",
    "economy.py": "全社会固定资产投资67.65亿元,比增31.64%",
}


def flat(text: str) -> str:
    """Text without its whitespace: pdftotext breaks a long line where the PDF wraps it."""
    return "".join(text.split())


def pdf_of(at) -> bytes:
    """The PDF the page's 导出简报 button gives (its data function, as a click runs it)."""
    assert [b for b in at.get("download_button") if b.proto.id.endswith("briefing_pdf")]
    return briefing.build(at.session_state[briefing.STATE_KEY])


def text_of(pdf: bytes) -> str:
    """The PDF's text as pdftotext reads it (laid out; a form feed between pages)."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


@pytest.fixture(scope="module")
def briefings() -> dict:
    """(page, lang) -> the briefing's text, for the zone on the newest snapshot."""
    out = {}
    for page, lang in PUBLISHED:
        at = open_app(page, lang=lang)
        out[page, lang] = text_of(pdf_of(at))
    return out


@pytest.mark.parametrize("page, lang", sorted(PUBLISHED))
def test_a_briefing_gives_back_the_published_figures_the_scope_and_the_filters(briefings, page, lang):
    text = briefings[page, lang]
    for figure in PUBLISHED[page, lang]:
        assert figure in text, figure
    assert t("tag_published", lang) in text
    assert f"{t('briefing_scope', lang)}: {t('all_parks', lang)}" in text
    assert f"{t('snapshot', lang)}: 2022-09-30" in text
    assert t("source_note_demo", lang) in " ".join(text.split())  # the snapshot's provenance, in the footer
    if lang == "zh":
        assert SENTENCE[page] in flat(text)


def test_the_disputes_briefing_names_the_pages_own_choices(briefings):
    text = briefings["labor_disputes.py", "zh"]
    assert f"{t('disputes_limit', 'zh')}: {t('disputes_days', 'zh', n=30)}" in text
    assert f"{t('disputes_measure', 'zh')}: {t('disputes_measure_case_count', 'zh')}" in text


@pytest.mark.parametrize(
    "lang, area, output",
    [("zh", ("332", "万平方米"), ("1400.49", "亿元")), ("en", ("3.32", "million m²"), ("140,049", "m CNY"))],
)
def test_a_kpi_prints_its_number_and_its_unit_apart(lang, area, output):
    collected = open_app("overview.py", lang=lang).session_state[briefing.STATE_KEY]
    lines = {k.label: k for s in collected.sections for i in s["items"] if i["kind"] == "kpis" for k in i["lines"]}
    assert (lines[t("kpi_expansion_area", lang)].value, lines[t("kpi_expansion_area", lang)].unit) == area
    assert (lines[t("kpi_industrial_output", lang)].value, lines[t("kpi_industrial_output", lang)].unit) == output


def test_a_park_leaders_briefing_is_of_the_park():
    at = open_app("overview.py", park="andong", disputes_limit="60")
    text = text_of(pdf_of(at))
    assert f"{t('briefing_scope', 'zh')}: 安东园" in text
    assert "144" in text and "已发布" in text  # the article's 144 level-3 grids of 安东园
    assert "1179" not in text.split("数据来源")[0]  # the zone's count is not the park's


@pytest.mark.parametrize("page", ["grid_coverage.py", "park_maps.py"])
def test_the_other_pages_offer_a_briefing_of_what_they_show(page):
    at = open_app(page, lang="en")
    text = text_of(pdf_of(at))
    assert f"Scope: {t('all_parks', 'en')}" in text
    assert at.title[0].value in text
    assert "Published" in text and "1,179" in text  # both pages show the level-3 grid count


def test_the_big_screen_offers_no_briefing():
    at = open_app("big_screen.py")
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("briefing_pdf")]


def test_a_long_table_keeps_its_header_on_every_page():
    """The economy page's 91 expansion projects take more than one page; each page they run onto starts
    with the table's header again."""
    pdf = pdf_of(open_app("economy.py"))
    header = "项目名称"
    pages = [page.strip() for page in text_of(pdf).split("\f") if page.strip()]
    starts = [n for n, p in enumerate(pages) if header in p]
    assert len(starts) >= 2, "the project table fits one page: no repeated header to check"
    for n in starts[1:]:
        assert pages[n].splitlines()[0].split()[0] == header, pages[n][:200]


def test_a_role_sees_in_its_briefing_only_what_it_may_see_on_screen():
    case_ids = row_values(DEMO, "labor_disputes", "case_id")
    visitor = text_of(pdf_of(open_as("labor_disputes.py", who=VISITOR, login=True)))
    analyst = text_of(pdf_of(open_as("labor_disputes.py", who=user("analyst"), login=True)))
    assert not [c for c in case_ids if c in visitor]
    assert flat(t("access_denied_rows", "zh")) in flat(visitor)  # said, as the screen says it
    assert "470" in visitor  # the counts, for everyone
    assert [c for c in case_ids if c in analyst]  # the overdue cases, by id
    park_user = text_of(pdf_of(open_as("labor_disputes.py", who=user("park:andong"), login=True)))
    assert "安东园" in park_user
    for other in ("五里园", "食品园", "三创园", "综合保税区"):
        assert other not in park_user.split("数据来源")[0], other


def test_a_notice_the_page_shows_is_in_its_briefing():
    text = text_of(pdf_of(open_app("labor_disputes.py", park="andong")))  # 安东园 has no case open 30 days
    said = flat(text.split(t("disputes_overdue_title", "zh"))[-1])
    assert flat(t("disputes_overdue_none", "zh", limit="30")) in said


def test_the_comparison_goes_into_its_briefing():
    at = open_app("compare.py", a="2022-06-30", b="2022-09-30")
    text = text_of(pdf_of(at))
    before = runner.run("dispute_totals", "2022-06-30", park_id=None).at[0, "case_count"]
    after = runner.run("dispute_totals", "2022-09-30", park_id=None).at[0, "case_count"]
    assert f"+{after - before}" in text  # the dispute count's change since a
    assert "2022-06-30" in text and "2022-09-30" in text  # both dates, named among the page's choices
    for heading in ("compare_section_kpis", "compare_section_grids", "compare_section_enterprises"):
        assert t(heading, "zh") in text, heading


def the_map(at):
    """The map the briefing of the maps page prints: its figure, made as the PDF makes it."""
    collected = at.session_state[briefing.STATE_KEY]
    charts = [i for s in collected.sections for i in s["items"] if i["kind"] == "chart"]
    assert len(charts) == 1 and charts[0]["deferred"]
    return charts[0]["figure"]()


def test_the_maps_briefing_prints_the_map_with_its_legend():
    at = open_app("park_maps.py", park="wuli")
    text = text_of(pdf_of(at))
    top = runner.run("maps_industries", "2022-09-30", park_id="wuli").iloc[0]
    assert f"{top['industry']} {top['enterprise_count']}" in " ".join(text.split())  # the legend, as the page's
    assert t("maps_map_title", "zh") in text
    shapes = the_map(at).layout.shapes
    dots = [s for s in shapes if "C" in s.path]  # the enterprises: circles of curves
    assert sum(s.path.count("M") for s in dots) == len(
        runner.run("maps_enterprises", "2022-09-30", park_id="wuli", limit=maps.MAX_POINTS)
    )


def test_the_maps_briefing_draws_no_enterprise_a_role_may_not_see():
    visitor = open_as("park_maps.py", who=VISITOR, login=True)
    assert not [s for s in the_map(visitor).layout.shapes if "C" in s.path]
    analyst = open_as("park_maps.py", who=user("analyst"), login=True)
    assert [s for s in the_map(analyst).layout.shapes if "C" in s.path]


def test_a_treemap_of_more_tiles_than_a_page_shows_prints_fewer_levels(monkeypatch):
    from ui import grids_charts as gc

    monkeypatch.setattr(gc, "PRINT_TILES", 20)
    collected = open_app("grid_coverage.py").session_state[briefing.STATE_KEY]
    printed = [i for s in collected.sections for i in s["items"] if i["kind"] == "chart" and i["deferred"]]
    assert len(printed) == 1  # the treemap alone: the bar charts print as drawn
    assert printed[0]["height"] == briefing.MAX_CHART_HEIGHT  # as tall as the treemap drawn whole would print
    figure = printed[0]["figure"]()
    tree = runner.run("grids_drill_tree", runner.latest_valid(), park_id=None, node_id=None)
    assert len(tree) > 20 and figure.data[0].type == "treemap"
    assert list(figure.data[0].ids) == tree.loc[tree["depth"] <= 2, "node_id"].tolist()  # zone, parks, level 1
