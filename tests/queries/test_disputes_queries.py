"""The disputes page's queries on the shipped parquet: columns, values that add up to the published
figures, every park, earlier snapshots and a park with nothing."""

import datetime as dt

import duckdb
import pandas as pd
import pytest

from queries import runner
from tests.parks import PARK_IDS

CASES, WORKERS, AMOUNT_YUAN = 470, 1573, 18_726_000
DIMENSIONS = ("park", "stage", "category")


@pytest.fixture(scope="module")
def raw(latest) -> pd.DataFrame:
    """The latest snapshot's cases read straight from parquet, to check the SQL against."""
    frame = pd.read_parquet(latest.path / "labor_disputes.parquet")
    for column in ("reported_on", "closed_on", "followed_up_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def run(name, snapshot, **params):
    return runner.run(name, snapshot, **params)


def test_flow_links_follow_the_loop(latest):
    links = run("disputes_flow_links", latest, park_id=None)
    assert list(links.columns) == [
        "link_step", "source_node", "target_node", "case_count", "workers_involved", "amount_yuan",
    ]  # fmt: skip
    step = {s: links[links.link_step == s] for s in range(4)}
    # every case is reported once, from one source, and takes one first step
    for s in (0, 1):
        assert step[s][["case_count", "workers_involved", "amount_yuan"]].sum().tolist() == [
            CASES,
            WORKERS,
            AMOUNT_YUAN,
        ]
    assert set(step[0].source_node) == {"网格员上报", "职工求助", "企业报告", "预警排查", "12345转办"}
    first = step[1].set_index("target_node")["case_count"].to_dict()
    assert first == {"mediation": 350, "defused": 117, "awaiting_mediation": 3}
    # what enters mediation leaves it as an outcome; each closed node splits into followed up or not
    assert step[2].case_count.sum() == first["mediation"]
    assert step[2].set_index("target_node").at["调解中", "case_count"] == 15
    into = step[2].set_index("target_node")["case_count"].to_dict() | {"defused": first["defused"]}
    out = step[3].groupby("source_node")["case_count"].sum().to_dict()
    assert out == {node: n for node, n in into.items() if node != "调解中"}
    assert step[3].groupby("target_node")["case_count"].sum().to_dict() == {
        "followed_up": 302,
        "awaiting_follow_up": 150,
    }


def test_flow_links_match_the_raw_rows(raw, latest):
    links = run("disputes_flow_links", latest, park_id=None).set_index(["source_node", "target_node"])
    followed = raw[raw.followed_up_on.notna()]
    assert links.loc[("defused", "followed_up"), "case_count"] == (followed.outcome == "预警化解").sum()
    assert (followed.stage == "事后").all() and (raw[raw.stage == "事后"].followed_up_on.notna()).all()


def test_by_category_and_by_outcome_add_up_to_the_published_figures(latest):
    for name, key in (("disputes_by_category", "category"), ("disputes_by_outcome", "outcome")):
        frame = run(name, latest, park_id=None)
        assert frame.columns[0] == key
        assert frame[["case_count", "workers_involved", "amount_yuan"]].sum().tolist() == [CASES, WORKERS, AMOUNT_YUAN]
    category = run("disputes_by_category", latest, park_id=None).set_index("category")
    assert set(category.index) == {"欠薪", "加班费", "社保", "工伤", "解除劳动合同", "经济补偿", "其他"}
    assert category.at["欠薪", "case_count"] == 193 and category.index[0] == "欠薪"  # most cases first
    assert category.open_case_count.sum() == 18 and category.closed_case_count.sum() == 452
    assert category.at["欠薪", "median_days_to_close"] == 9
    assert (category.p90_days_to_close >= category.median_days_to_close).all()
    outcome = run("disputes_by_outcome", latest, park_id=None)
    assert outcome.outcome.tolist() == ["待调处", "预警化解", "调解中", "调解成功", "达成和解", "转劳动仲裁", "撤回"]
    assert outcome.followed_up_case_count.sum() == 302


def test_days_to_close_histogram(raw, latest):
    bins = run("disputes_days_to_close_histogram", latest, park_id=None, category=None)
    assert list(bins.columns) == ["days_from", "days_to", "case_count"]
    assert bins.days_from.tolist() == list(range(0, 91, 7))  # weekly, empty weeks included, up to the longest
    assert (bins.days_to - bins.days_from == 6).all()
    assert bins.case_count.sum() == 452
    days = (raw.closed_on - raw.reported_on).dt.days.dropna()
    assert bins.case_count.tolist() == [((days >= a) & (days <= a + 6)).sum() for a in bins.days_from]
    injury = run("disputes_days_to_close_histogram", latest, park_id=None, category="工伤")
    assert injury.case_count.sum() == 41


def by_month(snapshot, park_id, dimension):
    return run("disputes_by_month_group", snapshot, park_id=park_id, dimension=dimension)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_cases_by_month(dimension, raw, latest):
    frame = by_month(latest, None, dimension)
    assert list(frame.columns) == ["report_month", "group_value", "case_count"]
    assert frame.case_count.sum() == CASES
    months = sorted(set(frame.report_month))
    assert [m.month for m in months] == list(range(1, 10))
    # every month has a row for every series, zero where none
    assert len(frame) == len(months) * frame.group_value.nunique()
    by_month_total = run("disputes_by_month", latest, park_id=None)
    assert frame.groupby("report_month").case_count.sum().tolist() == by_month_total.case_count.tolist()
    # the groups are the values of the chosen column
    column = {"park": "park_id"}.get(dimension, dimension)
    assert set(frame.group_value) == set(raw[column])


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_cases_by_month_of_the_parks_add_up_to_the_zone(dimension, latest):
    zone = by_month(latest, None, dimension).groupby(["report_month", "group_value"]).case_count.sum()
    parts = pd.concat([by_month(latest, park, dimension) for park in PARK_IDS])
    pd.testing.assert_series_equal(zone, parts.groupby(["report_month", "group_value"]).case_count.sum())


def test_by_stage_is_in_loop_order(latest):
    frame = by_month(latest, "andong", "stage")
    assert frame.group_value.tolist()[:3] == ["事前", "事中", "事后"]


@pytest.mark.parametrize("dimension", ["grid_id", "park_id; DROP TABLE labor_disputes", None])
def test_cases_by_month_refuse_an_unknown_dimension(dimension, latest):
    with pytest.raises(duckdb.Error, match="unknown dimension"):
        by_month(latest, None, dimension)


def test_by_park_lists_every_park(latest):
    frame = run("disputes_by_park", latest)
    assert frame.park_id.tolist() == ["wuli", "andong", "food", "sanchuang", "bonded"]
    assert frame[["case_count", "workers_involved", "amount_yuan"]].sum().tolist() == [CASES, WORKERS, AMOUNT_YUAN]
    assert frame.open_case_count.sum() == 18
    assert frame.set_index("park_id").at["wuli", "case_count"] == 266
    assert frame.followed_up_pct.between(0, 100).all()
    # in March 三创园 had no case yet: it is listed, with zeros
    march = run("disputes_by_park", runner.resolve("2022-03-31")).set_index("park_id")
    assert march.at["sanchuang", "case_count"] == 0 and pd.isna(march.at["sanchuang", "median_days_to_close"])


def test_open_cases_older_than_a_limit(raw, latest):
    age = run("disputes_open_age", latest, park_id=None, limit_days=30).iloc[0]
    assert (age.open_case_count, age.overdue_case_count, age.oldest_open_days) == (18, 9, 84)
    overdue = run("disputes_open_overdue", latest, park_id=None, limit_days=30)
    assert list(overdue.columns) == [
        "case_id", "park_id", "park_name_zh", "park_name_en", "grid_name_zh", "enterprise_name_zh", "category",
        "stage", "outcome", "workers_involved", "amount_yuan", "reported_on", "days_open",
    ]  # fmt: skip
    # days are counted up to the snapshot date, not today
    open_days = (pd.Timestamp("2022-09-30") - raw[raw.closed_on.isna()].reported_on).dt.days
    assert sorted(overdue.days_open, reverse=True) == sorted(open_days[open_days > 30], reverse=True)
    assert overdue.at[0, "case_id"] == "LD0330" and overdue.at[0, "days_open"] == 84
    assert overdue.days_open.is_monotonic_decreasing
    assert overdue.grid_name_zh.notna().all() and overdue.enterprise_name_zh.notna().all()
    assert age.overdue_workers_involved == overdue.workers_involved.sum()
    assert age.overdue_amount_yuan == overdue.amount_yuan.sum()
    assert len(run("disputes_open_overdue", latest, park_id=None, limit_days=7)) == 13
    assert run("disputes_open_age", latest, park_id=None, limit_days=90).at[0, "overdue_case_count"] == 0


def test_open_cases_in_an_earlier_snapshot_are_aged_to_its_date():
    june = runner.resolve("2022-06-30")
    overdue = run("disputes_open_overdue", june, park_id=None, limit_days=-1)
    expected = [(dt.date(2022, 6, 30) - d.date()).days for d in overdue.reported_on]
    assert overdue.days_open.tolist() == expected
    assert len(overdue) == run("disputes_open_age", june, park_id=None, limit_days=-1).at[0, "open_case_count"] == 32
    assert (overdue.days_open == 0).sum() == 5  # reported on the snapshot date itself: open 0 days, never overdue
    assert len(run("disputes_open_overdue", june, park_id=None, limit_days=0)) == 27


@pytest.mark.parametrize("park", PARK_IDS)
def test_each_park_adds_up_to_its_totals(park, latest):
    totals = run("dispute_totals", latest, park_id=park).iloc[0]
    expected = [totals.case_count, totals.workers_involved, totals.amount_yuan]
    for name in ("disputes_by_category", "disputes_by_outcome"):
        frame = run(name, latest, park_id=park)
        assert frame[["case_count", "workers_involved", "amount_yuan"]].sum().tolist() == expected
    links = run("disputes_flow_links", latest, park_id=park)
    assert links[links.link_step == 1].case_count.sum() == totals.case_count
    for dimension in DIMENSIONS:
        assert by_month(latest, park, dimension).case_count.sum() == totals.case_count
    bins = run("disputes_days_to_close_histogram", latest, park_id=park, category=None)
    assert bins.case_count.sum() == totals.case_count - totals.open_case_count
    age = run("disputes_open_age", latest, park_id=park, limit_days=30).iloc[0]
    assert age.open_case_count == totals.open_case_count
    overdue = run("disputes_open_overdue", latest, park_id=park, limit_days=30)
    assert len(overdue) == age.overdue_case_count and set(overdue.park_id) <= {park}
    by_park = run("disputes_by_park", latest).set_index("park_id")
    assert by_park.loc[park, ["case_count", "workers_involved", "amount_yuan"]].tolist() == expected


def test_a_park_without_rows_gives_nothing_not_errors(latest):
    for name in ("disputes_flow_links", "disputes_by_category", "disputes_by_outcome"):
        assert run(name, latest, park_id="nowhere").empty, name
    for dimension in DIMENSIONS:
        assert by_month(latest, "nowhere", dimension).empty, dimension
    assert run("disputes_days_to_close_histogram", latest, park_id="nowhere", category=None).empty
    assert run("disputes_days_to_close_histogram", latest, park_id=None, category="nothing").empty
    assert run("disputes_open_overdue", latest, park_id="nowhere", limit_days=0).empty
    age = run("disputes_open_age", latest, park_id="nowhere", limit_days=30).iloc[0]
    assert (age.open_case_count, age.overdue_case_count, age.overdue_amount_yuan) == (0, 0, 0)
    assert pd.isna(age.oldest_open_days)
