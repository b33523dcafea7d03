"""The grid coverage page's queries on the shipped parquet: columns, published figures, parks, empty cases."""

import pandas as pd
import pytest

from queries import runner
from tests.parks import PARK_IDS

PARKS = [None, *PARK_IDS]
ARTICLE_ENTERPRISES = ("凤竹", "佳福", "兴业", "信泰", "非莉", "美沿")


def test_structure_gives_back_the_published_grid_counts(latest):
    frame = runner.run("grids_structure_by_park", latest, park_id=None)
    assert list(frame.columns) == [
        "park_id",
        "park_name_zh",
        "park_name_en",
        "level1_grid_count",
        "level2_grid_count",
        "level3_grid_count",
        "service_group_count",
        "enterprise_count",
    ]
    assert frame["park_id"].tolist()[:5] == ["wuli", "andong", "food", "sanchuang", "bonded"]
    zone = frame.iloc[-1]
    assert pd.isna(zone.park_id) and pd.isna(zone.park_name_zh)
    assert (zone.level1_grid_count, zone.level2_grid_count, zone.level3_grid_count) == (8, 58, 1179)
    rows = frame.set_index("park_id")
    assert rows.loc["andong", ["level1_grid_count", "level2_grid_count", "level3_grid_count"]].tolist() == [1, 5, 144]
    assert rows.at["sanchuang", "level2_grid_count"] == 4
    assert rows.at["sanchuang", "service_group_count"] == 11
    assert zone.enterprise_count == 1400


@pytest.mark.parametrize("park", PARK_IDS)
def test_structure_of_one_park_is_its_zone_row(park, latest):
    one = runner.run("grids_structure_by_park", latest, park_id=park)
    zone = runner.run("grids_structure_by_park", latest, park_id=None).set_index("park_id")
    assert len(one) == 1 and one.at[0, "park_id"] == park
    assert one.set_index("park_id").loc[park].tolist() == zone.loc[park].tolist()


@pytest.mark.parametrize("park", PARK_IDS)
def test_drill_tree_of_a_park_shows_its_level1_and_level2_grids(park, latest):
    tree = runner.run("grids_drill_tree", latest, park_id=park, node_id=None)
    assert set(tree["park_id"]) == {park}
    levels = runner.run("grid_counts_by_level", latest, park_id=park).set_index("level")["grid_count"]
    assert tree.groupby("depth").size().to_dict() == {1: 1, 2: levels[1], 3: levels[2]}
    assert tree.at[0, "level3_grid_count"] == levels[3]


def test_drill_tree_of_the_zone_goes_down_to_level2(latest):
    tree = runner.run("grids_drill_tree", latest, park_id=None, node_id=None)
    assert tree.at[0, "node_id"] == "zone" and pd.isna(tree.at[0, "parent_node_id"])
    assert tree.groupby("depth").size().to_dict() == {0: 1, 1: 5, 2: 8, 3: 58}
    assert tree.at[0, "enterprise_count"] == 1400 and tree.at[0, "level3_grid_count"] == 1179
    coverage = runner.run("grid_worker_coverage", latest, park_id=None).iloc[0]
    assert tree.at[0, "covered_level3_grid_count"] == coverage.covered_level3_grid_count
    assert tree["node_id"].is_unique
    # every tile's value is the sum of its children's (a treemap with branchvalues="total")
    children = tree[tree["depth"] > 0].groupby("parent_node_id")[["enterprise_count", "employee_count"]].sum()
    parents = tree.set_index("node_id").loc[children.index, ["enterprise_count", "employee_count"]]
    pd.testing.assert_frame_equal(children.astype("int64"), parents.astype("int64"), check_names=False)


def test_drill_tree_of_a_level2_grid_shows_its_level3_grids_and_enterprises(latest):
    tree = runner.run("grids_drill_tree", latest, park_id="andong", node_id="andong-L2-03")
    assert tree.at[0, "node_id"] == "andong-L2-03" and pd.isna(tree.at[0, "parent_node_id"])
    level3 = tree[tree["depth"] == 4]
    assert (level3["parent_node_id"] == "andong-L2-03").all()
    park = runner.run("grids_drill_tree", latest, park_id="andong", node_id=None).set_index("node_id")
    assert len(level3) == park.at["andong-L2-03", "level3_grid_count"] == tree.at[0, "level3_grid_count"]
    firms = tree[tree["depth"] == 5]
    expected = runner.run("grids_enterprises", latest, park_id="andong", node_id="andong-L2-03")
    assert sorted(firms["node_id"]) == sorted(expected["enterprise_id"])
    assert tree.at[0, "employee_count"] == expected["employee_count"].sum()


def test_drill_tree_never_shows_more_than_two_levels_down(latest):
    for park, node in ((None, "wuli"), ("wuli", None), (None, "wuli-L1-02"), (None, "food-L3-0001")):
        tree = runner.run("grids_drill_tree", latest, park_id=park, node_id=node)
        assert tree["depth"].max() - tree["depth"].min() <= 2, node
        assert tree["parent_node_id"].isna().sum() == 1
        assert len(tree) < 300


def test_drill_tree_refuses_a_node_outside_the_park(latest):
    assert runner.run("grids_drill_tree", latest, park_id="wuli", node_id="andong-L2-03").empty


def test_enterprises_under_a_node(latest):
    zone = runner.run("grids_enterprises", latest, park_id=None, node_id=None)
    assert len(zone) == 1400 and zone["enterprise_id"].is_unique
    assert (
        zone["has_party_org"].sum()
        == runner.run("grids_network_totals", latest, park_id=None).at[0, "party_org_enterprise_count"]
    )
    assert not zone["enterprise_name_zh"].str.contains("|".join(ARTICLE_ENTERPRISES)).any()
    grid = runner.run("grids_enterprises", latest, park_id=None, node_id="wuli-L3-0002")
    assert set(grid["level3_grid_id"]) == {"wuli-L3-0002"} and len(grid) == 3
    assert grid["employee_count"].is_monotonic_decreasing
    for park in PARK_IDS:
        assert len(runner.run("grids_enterprises", latest, park_id=park, node_id=None)) == len(
            zone[zone["park_name_en"] == runner.run("parks", latest).set_index("park_id").at[park, "name_en"]]
        )


def test_network_totals_give_back_the_published_figures(latest):
    row = runner.run("grids_network_totals", latest, park_id=None).iloc[0]
    assert row.enterprise_grid_worker_count == 1156
    assert row.first_batch_org_count == 40
    assert row.first_batch_member_count == 219
    assert (row.linked_workers_min, row.linked_workers_max) == (4, 11)
    assert row.linked_worker_count == 1556
    assert row.level3_grid_count == 1179
    assert row.grid_coverage_pct == pytest.approx(100 * row.covered_level3_grid_count / 1179)
    assert row.grid_head_count == 8 + 58
    assert row.party_org_enterprise_pct == pytest.approx(100 * row.party_org_enterprise_count / 1400)


def test_network_grows_over_the_snapshots():
    rows = [runner.run("grids_network_totals", d, park_id=None).iloc[0] for d in ("2022-03-31", "2022-06-30")]
    assert rows[0].enterprise_grid_worker_count < rows[1].enterprise_grid_worker_count < 1156
    assert rows[0].first_batch_member_count == 0 < rows[1].first_batch_member_count < 219
    assert rows[0].specialist_count < rows[1].specialist_count


@pytest.mark.parametrize("park", PARK_IDS)
def test_staff_of_a_park_adds_up(park, latest):
    row = runner.run("grids_staff_by_park", latest, park_id=park).iloc[0]
    totals = runner.run("grids_network_totals", latest, park_id=park).iloc[0]
    roles = ["safety", "civility", "party_building", "public_order", "epidemic"]
    assert sum(row[f"{r}_specialist_count"] for r in roles) == row.specialist_count == totals.specialist_count
    parts = row.level1_head_count + row.level2_head_count + row.level2_worker_count
    assert parts + row.enterprise_grid_worker_count + row.specialist_count == row.staff_count
    assert row.sunk_cadre_count == row.level2_head_count + row.level2_worker_count == totals.sunk_cadre_count
    assert row.party_member_count == totals.party_member_staff_count
    level2 = runner.run("grids_staff_by_level2", latest, park_id=park)
    assert level2["enterprise_grid_worker_count"].sum() == row.enterprise_grid_worker_count
    assert level2["sunk_cadre_count"].sum() == row.sunk_cadre_count
    assert level2["staff_count"].sum() == row.staff_count - row.level1_head_count


def test_staff_of_the_zone(latest):
    frame = runner.run("grids_staff_by_park", latest, park_id=None)
    zone = frame.iloc[-1]
    assert pd.isna(zone.park_id)
    assert zone.enterprise_grid_worker_count == 1156
    assert (zone.level1_head_count, zone.level2_head_count) == (8, 58)
    assert zone.party_member_pct == pytest.approx(100 * zone.party_member_count / zone.staff_count)
    assert len(runner.run("grids_staff_by_level2", latest, park_id=None)) == 58


@pytest.mark.parametrize("name", ["grids_structure_by_park", "grids_staff_by_park", "grids_staff_by_level2"])
def test_an_unknown_park_gives_no_rows(name, latest):
    assert runner.run(name, latest, park_id="nowhere").empty


def test_an_unknown_park_gives_zero_totals_and_no_tiles(latest):
    row = runner.run("grids_network_totals", latest, park_id="nowhere").iloc[0]
    assert (row.enterprise_grid_worker_count, row.level3_grid_count, row.staff_count) == (0, 0, 0)
    assert pd.isna(row.grid_coverage_pct)
    assert runner.run("grids_drill_tree", latest, park_id="nowhere", node_id=None).empty
    assert runner.run("grids_enterprises", latest, park_id="nowhere", node_id=None).empty


def test_drill_path_of_a_level2_grid_has_its_ancestors_and_the_choices_beside_them(latest):
    chain = runner.run("grids_drill_path", latest, park_id="andong", node_id="andong-L2-03")
    assert list(chain.columns) == [
        "node_id",
        "parent_node_id",
        "depth",
        "park_id",
        "name_zh",
        "name_en",
        "on_path",
    ]
    assert chain.loc[chain["on_path"], "node_id"].tolist() == ["andong", "andong-L1-01", "andong-L2-03"]
    for parent in ("andong", "andong-L1-01", "andong-L2-03"):  # every choice under each node on the path
        under = runner.run("grids_drill_tree", latest, park_id="andong", node_id=parent)  # as the treemap shows it
        expected = under.loc[under["parent_node_id"] == parent, ["node_id", "name_zh"]].reset_index(drop=True)
        shown = chain.loc[chain["parent_node_id"] == parent, ["node_id", "name_zh"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(shown, expected)
    assert chain["node_id"].is_unique and set(chain["park_id"]) == {"andong"}
    assert chain.at[0, "name_en"] == "Andong Park"


def test_drill_path_at_the_top_lists_the_parks_or_the_level1_grids(latest):
    zone = runner.run("grids_drill_path", latest, park_id=None, node_id=None)
    assert zone["node_id"].tolist() == list(PARK_IDS) and not zone["on_path"].any()
    assert zone["parent_node_id"].isna().all()
    wuli = runner.run("grids_drill_path", latest, park_id="wuli", node_id=None)
    levels = runner.run("grid_counts_by_level", latest, park_id="wuli").set_index("level")["grid_count"]
    assert wuli.loc[wuli["on_path"], "node_id"].tolist() == ["wuli"]
    assert (wuli["parent_node_id"] == "wuli").sum() == levels[1]


def test_drill_path_refuses_unknown_nodes_and_nodes_outside_the_park(latest):
    assert runner.run("grids_drill_path", latest, park_id="wuli", node_id="andong-L2-03").empty
    assert runner.run("grids_drill_path", latest, park_id="nowhere", node_id=None).empty
    unknown = runner.run("grids_drill_path", latest, park_id=None, node_id="'; drop table grids")
    assert not unknown["on_path"].any() and unknown["node_id"].tolist() == list(PARK_IDS)
    level3 = runner.run("grids_drill_path", latest, park_id=None, node_id="andong-L3-0074")
    assert level3.loc[level3["on_path"], "depth"].tolist() == [1, 2, 3, 4]
