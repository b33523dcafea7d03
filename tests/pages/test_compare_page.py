"""The compare page (对比): its numbers reconcile with the two snapshots, a bad link falls back to the
default with a notice, and each role sees of the changes only what it may (enterprise names are rows)."""

import shutil

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from queries import compare, runner
from tests.pages.access_helpers import VISITOR, everything, open_as, row_values, user
from tests.pages.access_helpers import downloads as downloads_shown
from tests.pages.helpers import metrics, no_exception, open_app, plain, plotly_charts, warnings
from tests.parks import PARK_IDS
from ui import compare_view, downloads

PAGE = "compare.py"
A, B = "2022-06-30", "2022-09-30"
SNAPSHOTS = runner.ROOT / "data" / "snapshots"


def table_with(at, column: str):
    """The first table shown with a column of that header."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def totals(date: str, park_id: str | None = None):
    return runner.run("dispute_totals", runner.resolve(date), park_id=park_id).iloc[0]


@pytest.fixture(scope="module")
def shown():
    return open_app(PAGE, a=A, b=B)


def test_a_plain_link_compares_the_newest_snapshot_with_the_one_before(zone, shown):
    assert zone.selectbox(key="compare_b").value == B and zone.selectbox(key="compare_a").value == A
    assert not warnings(zone)
    assert "a" not in zone.query_params and "b" not in zone.query_params  # the defaults stay out of the link
    assert [m.label for m in zone.metric] == [m.label for m in shown.metric]


def test_the_dispute_count_change_is_the_difference_of_the_two_snapshots(shown):
    change = int(totals(B).case_count) - int(totals(A).case_count)
    assert change == 150  # 470 at 2022-09-30 (the article's figure) against 320
    assert metrics(shown)["调处劳动纠纷"].value == "470起"
    assert metrics(shown)["调处劳动纠纷"].proto.delta == f"+{change}"
    kpis = table_with(shown, "变化率")
    row = kpis[kpis["指标"] == "调处劳动纠纷"].iloc[0]
    assert (row[A], row[B], row["变化"]) == ("320起", "470起", f"+{change}")


def test_every_park_s_change_is_the_difference_of_its_two_counts(shown):
    by_park = table_with(shown, "全区(所有园区)")
    row = by_park[by_park["指标"] == "调处劳动纠纷"].iloc[0]
    names = dict(runner.run("parks", runner.resolve(B))[["park_id", "name_zh"]].itertuples(index=False))
    for park in PARK_IDS:
        change = int(totals(B, park).case_count) - int(totals(A, park).case_count)
        expected = "0" if change == 0 else f"{change:+d} ("  # no change: no percentage either
        assert row[names[park]].startswith(expected), (park, row[names[park]])


def test_cases_open_at_a_plus_opened_minus_closed_are_those_open_at_b(shown):
    before = row_values(SNAPSHOTS / A, "labor_disputes", "case_id")
    open_before = row_values(SNAPSHOTS / A, "labor_disputes", "case_id", "closed_on IS NULL")
    after = row_values(SNAPSHOTS / B, "labor_disputes", "case_id")
    closed_after = row_values(SNAPSHOTS / B, "labor_disputes", "case_id", "closed_on IS NOT NULL")
    opened, closed = after - before, closed_after - (before - open_before)
    flow = table_with(shown, "环节")
    total = flow[flow["环节"] == "合计"].iloc[0]
    open_a, open_b = total[f"{A} 在办"], total[f"{B} 在办"]
    assert (open_a, total["新增"], total["办结"]) == (len(open_before), len(opened), len(closed)) == (32, 150, 164)
    assert open_a == totals(A).open_case_count and open_b == totals(B).open_case_count == 18
    assert open_a + total["新增"] - total["办结"] == open_b
    stages = flow[flow["环节"] != "合计"]
    assert list(stages["环节"]) == ["事前", "事中", "事后"] and stages["环节流转(净)"].sum() == 0
    [waterfall] = plotly_charts(shown)
    assert plain(waterfall["data"][0]["y"]) == [32, 150, -164, 18]
    assert "32 起 + 期间新增 150 起 − 办结 164 起 = 2022-09-30 在办 18 起" in "\n".join(m.value for m in shown.markdown)


def test_the_economy_compares_cumulative_growth_over_the_same_months(shown):
    economy = table_with(shown, "增速变化")
    output = economy[economy["指标"] == "工业总产值"].iloc[0]
    assert output[f"{B} 累计期间"] == "2022年1-9月" and output[f"{A} 累计期间"] == "2022年1-6月"
    assert output[f"{B} 累计值"] == "1400.49亿元" and output[f"{B} 累计同比"] == "+9.79%"  # the article's figures
    ytd = runner.run("economy_ytd", runner.resolve(A), park_id=None).set_index("indicator")
    assert output[f"{A} 累计同比"] == f"{ytd.at['industrial_output', 'growth_pct']:+.2f}%"


def test_every_table_can_be_downloaded(shown):
    assert len(downloads_shown(shown)) == 2 * len(shown.dataframe) == 12


@pytest.mark.parametrize(
    "query, says, then",
    [
        ({"a": "2022-13-40"}, "链接中的基期(较早)“2022-13-40”无法识别,已改用默认值。", (A, B)),
        ({"a": "2021-06-30"}, "链接中的基期(较早)“2021-06-30”没有对应的可用数据快照,已改用默认值。", (A, B)),
        ({"a": B}, f"链接中的基期(较早)“{B}”不早于对比期 {B},已改用默认值。", (A, B)),
        # b the oldest snapshot: b falls back to the newest, and the link's a is kept
        ({"a": "2022-03-31", "b": "2022-03-31"}, "对比期(较晚)“2022-03-31”是最早的数据快照", ("2022-03-31", B)),
        ({"b": "<img src=x>"}, "链接中的对比期(较晚)“\\<img src=x\\>”无法识别", (A, B)),
    ],
)
def test_a_bad_date_in_the_link_gets_a_notice_and_the_default(query, says, then):
    at = open_app(PAGE, **query)
    assert says in warnings(at), warnings(at)
    assert len(at.warning) == 1
    assert (at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value) == then
    assert "b" not in at.query_params and at.query_params.get("a") == (None if then[0] == A else then[0])
    assert "<img" not in "".join(w.proto.body for w in at.warning).replace("\\<img", "")
    assert metrics(at)["调处劳动纠纷"].value == "470起"


def test_a_link_to_an_older_pair_opens_it_and_keeps_it_in_the_link():
    at = open_app(PAGE, a="2022-03-31", b=A)
    assert not warnings(at)
    assert at.query_params["b"] == A and "a" not in at.query_params  # a is b's default: the one before
    assert (
        metrics(at)["调处劳动纠纷"].proto.delta
        == f"+{int(totals(A).case_count) - int(totals('2022-03-31').case_count)}"
    )
    at.selectbox(key="compare_b").set_value(B).run()
    no_exception(at)
    assert at.selectbox(key="compare_a").value == "2022-03-31" and at.query_params["a"] == "2022-03-31"
    assert not warnings(at)


def test_no_snapshot_a_year_before_is_said():
    at = open_app(PAGE)
    assert "没有去年同期 2021-09-30 的数据快照" in "\n".join(c.value for c in at.caption)


# --- enterprises and grids that changed, and who sees them ----------------------------------------


NEW_ENTERPRISE = "晋江对比测试新加入有限公司"
NEW_GRID = "andong-L3-9999"


def _append(path, rows: dict) -> None:
    table = pq.read_table(path)
    added = pa.Table.from_pydict({name: rows.get(name, [None]) for name in table.column_names}, schema=table.schema)
    pq.write_table(pa.concat_tables([table, added]), path)


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The shipped 2022-06-30, and 2022-09-30 with a grid and an enterprise added in 安东园 and two
    enterprises gone (one of 五里园, one of 安东园; none referenced elsewhere). Its manifest no longer
    matches, so its source is not recorded: only a logged-in analyst (or park user) sees rows."""
    data = tmp_path_factory.mktemp("changed")
    for date in (A, B):
        shutil.copytree(SNAPSHOTS / date, data / "snapshots" / date)
    folder = data / "snapshots" / B
    gone = ["E00001"] + sorted(row_values(folder, "enterprises", "enterprise_id", _unreferenced("andong")))[:1]
    firms = pq.read_table(folder / "enterprises.parquet").to_pandas()
    pq.write_table(
        pa.Table.from_pandas(firms[~firms["enterprise_id"].isin(gone)], preserve_index=False),
        folder / "enterprises.parquet",
    )
    _append(
        folder / "grids.parquet",
        {"grid_id": [NEW_GRID], "level": [3], "parent_id": ["andong-L2-01"], "park_id": ["andong"]}
        | {"name_zh": ["对比测试地块"], "lon": [118.46], "lat": [24.69]},
    )
    _append(
        folder / "enterprises.parquet",
        {"enterprise_id": ["E99001"], "name_zh": [NEW_ENTERPRISE], "park_id": ["andong"], "grid_id": [NEW_GRID]}
        | {"industry": ["纺织"], "employees": [80], "lon": [118.46], "lat": [24.69]},
    )
    names = {e: row_values(SNAPSHOTS / B, "enterprises", "name_zh", f"enterprise_id = '{e}'").pop() for e in gone}
    return data, names


def _unreferenced(park: str) -> str:
    folder = SNAPSHOTS / B
    return (
        f"park_id = '{park}'"
        + f" AND enterprise_id NOT IN (SELECT enterprise_id FROM '{folder}/labor_disputes.parquet')"
        + f" AND enterprise_id NOT IN (SELECT enterprise_id FROM '{folder}/expansion_projects.parquet')"
        + f" AND enterprise_id NOT IN (SELECT coalesce(enterprise_id, '') FROM '{folder}/party_orgs.parquet')"
    )


@pytest.fixture
def on_changed(changed, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(changed[0]))
    return changed[1]


def _firms(at):
    return table_with(at, "新加入")


def test_an_analyst_sees_the_grids_and_enterprises_that_changed_by_name(on_changed):
    at = open_as(PAGE, who=user("analyst"), login=True)
    grids = table_with(at, "层级")
    andong3 = grids[(grids["园区"] == "安东园") & (grids["层级"] == "3级网格")].iloc[0]
    assert (andong3["新增"], andong3["撤销"], andong3["净变化"]) == (1, 0, 1)
    assert "新增 1 个网格,撤销 0 个" in "\n".join(i.value for i in at.info)
    firms = _firms(at).set_index("园区")
    assert (firms.at["全区(所有园区)", "新加入"], firms.at["全区(所有园区)", "退出"]) == (1, 2)
    assert (firms.at["安东园", "新加入"], firms.at["安东园", "退出"], firms.at["五里园", "退出"]) == (1, 1, 1)
    moved = table_with(at, "企业名称")
    assert set(moved["企业名称"]) == {NEW_ENTERPRISE, *on_changed.values()}
    assert set(moved[moved["变动"] == "退出"]["企业编号"]) == set(on_changed)


@pytest.mark.parametrize("who", [VISITOR, user("viewer")], ids=["public", "viewer"])
def test_public_and_viewer_see_the_counts_but_no_enterprise_name(who, on_changed):
    at = open_as(PAGE, who=who, login=True)
    shown = everything(at)
    for name in (NEW_ENTERPRISE, *on_changed.values()):
        assert name not in shown, name
    assert "企业名称" not in shown
    assert "您当前的角色只能查看汇总数据" in "\n".join(i.value for i in at.info)
    assert (_firms(at).iloc[0]["新加入"], _firms(at).iloc[0]["退出"]) == (1, 2)
    # a viewer downloads every (aggregate) table it is shown; a public visitor none
    assert len(downloads_shown(at)) == (2 * len(at.dataframe) if who is not VISITOR else 0)


def test_a_park_user_sees_only_its_park(on_changed):
    at = open_as(PAGE, who=user("park:andong"), login=True, park="wuli")
    no_exception(at)
    shown = everything(at)
    wuli_gone = on_changed["E00001"]
    assert NEW_ENTERPRISE in shown and wuli_gone not in shown
    for other in ("五里园", "综合保税区", "食品园", "三创园", "全区(所有园区)"):
        assert other not in shown, other
    assert list(_firms(at)["园区"]) == ["安东园"]
    assert metrics(at)["调处劳动纠纷"].value == f"{int(totals(B, 'andong').case_count)}起"
    assert "您只能查看本园区" in warnings(at)


def test_the_demo_pair_shows_no_enterprise_change_to_anyone(shown):
    assert "两期之间没有企业加入或退出" in "\n".join(s.value for s in shown.success)
    assert "两期之间网格没有增减:1245 个网格均在两期数据中。" in "\n".join(s.value for s in shown.success)


# --- the same date a year before ------------------------------------------------------------------


@pytest.fixture
def with_last_year(tmp_path, monkeypatch):
    """The shipped 2022-06-30 and 2022-09-30, and 2022-09-30's tables moved a year back as 2021-09-30."""
    for date in (A, B):
        shutil.copytree(SNAPSHOTS / date, tmp_path / "snapshots" / date)
    year_before = tmp_path / "snapshots" / "2021-09-30"
    year_before.mkdir()
    con = duckdb.connect(":memory:")
    for source in sorted((SNAPSHOTS / B).glob("*.parquet")):
        kinds = con.execute(f"DESCRIBE SELECT * FROM '{source}'").fetchall()
        dates = [name for name, kind, *_ in kinds if kind == "DATE"]
        shift = ", ".join(f"CAST({d} - INTERVAL 1 YEAR AS DATE) AS {d}" for d in dates)
        select = f"SELECT * REPLACE ({shift})" if dates else "SELECT *"
        con.execute(f"COPY ({select} FROM '{source}') TO '{year_before / source.name}' (FORMAT parquet)")
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))


def test_the_same_date_last_year_is_offered_and_compares_the_same_months(with_last_year):
    at = open_app(PAGE)
    [button] = [b for b in at.button if "去年同期" in b.label]
    assert button.label == "与去年同期 2021-09-30 对比(同比)"
    button.click().run()
    no_exception(at)
    assert at.selectbox(key="compare_a").value == "2021-09-30" and at.query_params["a"] == "2021-09-30"
    economy = table_with(at, "增速变化")
    output = economy[economy["指标"] == "工业总产值"].iloc[0]
    assert output["2021-09-30 累计期间"] == "2021年1-9月" and output[f"{B} 累计期间"] == "2022年1-9月"
    assert output["2021-09-30 累计值"] == output[f"{B} 累计值"] == "1400.49亿元"  # the same figures, a year back
    assert output["增速变化"] == "+0.00 个百分点"
    assert not [b for b in at.button if "去年同期" in b.label]  # offered only while not chosen


def test_a_download_says_which_two_snapshots_its_rows_come_from():
    a, b = runner.resolve(A), runner.resolve(B)
    frame = compare_view.kpi_download(compare.kpi_changes(a, b, [None], ["dispute_cases"]), {}, "zh", A, B)
    rows = downloads.with_source(frame, compare_view.source(a, b, "zh"))
    [row] = rows.to_dict("records")
    assert (row[A], row[B], row["change"], row["指标方向"]) == (320, 470, 150, "越低越好")
    assert (row["数据来源"], row["快照日期"]) == ("演示数据 / 演示数据", f"{A} / {B}")
    lines = compare_view.source(a, b, "zh").lines  # the workbook's source sheet: both manifests' accounts
    assert [value for key, value in lines if key == "快照日期"] == [A, B]
    assert sum(value.startswith("sha256 ") for _, value in lines) == 18  # nine files in each snapshot
