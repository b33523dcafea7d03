"""Every figure the article publishes, recomputed through the dashboard's own queries."""

import pytest

from queries import runner

# figures the article gives that the tables do not hold (people outside the grid staff)
NOT_IN_TABLES = {"party_volunteers"}


def measure(key: str, park: str | None, snap) -> float:
    def one(query: str, column: str):
        return runner.run(query, snap, park_id=park).at[0, column]

    def economy(indicator: str, column: str):
        frame = runner.run("economy_ytd", snap, park_id=park).set_index("indicator")
        return frame.at[indicator, column]

    levels = runner.run("grid_counts_by_level", snap, park_id=park).set_index("level")["grid_count"]
    measures = {
        "parks": lambda: len(runner.run("parks", snap)),
        "grids_level1": lambda: levels[1],
        "grids_level2": lambda: levels[2],
        "grids_level3": lambda: levels[3],
        "enterprise_grid_party_orgs": lambda: one("party_totals", "enterprise_grid_party_org_count"),
        # the park's row, or the zone's total (the last row)
        "service_groups": lambda: runner.run("grids_structure_by_park", snap, park_id=park).iloc[-1][
            "service_group_count"
        ],
        "enterprise_grid_workers": lambda: one("grid_worker_coverage", "enterprise_grid_worker_count"),
        "first_batch_party_orgs": lambda: one("party_totals", "first_batch_org_count"),
        "first_batch_party_members": lambda: one("party_totals", "first_batch_member_count"),
        "linked_workers_min": lambda: one("party_totals", "linked_workers_min"),
        "linked_workers_max": lambda: one("party_totals", "linked_workers_max"),
        "expansion_enterprises": lambda: one("expansion_totals", "enterprise_count"),
        "expansion_floor_area_m2": lambda: one("expansion_totals", "added_floor_area_m2"),
        "expansion_investment_yuan": lambda: one("expansion_totals", "planned_investment_yuan"),
        "dispute_cases": lambda: one("dispute_totals", "case_count"),
        "dispute_workers": lambda: one("dispute_totals", "workers_involved"),
        "dispute_amount_yuan": lambda: one("dispute_totals", "amount_yuan"),
    }
    for indicator in ("industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales"):
        measures[f"{indicator}_yuan"] = lambda i=indicator: economy(i, "value_yuan")
        measures[f"{indicator}_growth_pct"] = lambda i=indicator: round(economy(i, "growth_pct"), 2)
    return measures[key]()


FIGURES = runner.published_figures()


@pytest.mark.parametrize(
    "row",
    [r for r in FIGURES.to_dict("records") if r["key"] not in NOT_IN_TABLES],
    ids=lambda r: f"{r['key']}[{r['park_id'] or 'zone'}]",
)
def test_published_figure_is_given_back_exactly(row, latest):
    assert measure(row["key"], row["park_id"] or None, latest) == row["value"]


def test_published_figures_file_is_complete():
    keys = set(FIGURES["key"])
    assert {"grids_level1", "grids_level2", "grids_level3", "dispute_cases", "industrial_output_yuan"} <= keys
    assert FIGURES["sentence"].str.len().min() > 10
    assert not FIGURES.duplicated(["key", "park_id"]).any()


def test_sanchuang_level2_grids_carry_the_article_names(latest):
    cur = runner.connection().cursor()
    cur.execute(f"USE {latest.catalog}")
    names = {
        r[0] for r in cur.execute("SELECT name_zh FROM grids WHERE park_id = 'sanchuang' AND level = 2").fetchall()
    }
    cur.close()
    assert names == {"创客大街", "研发设计中心", "海归人员创业中心", "人才公寓"}


def test_the_five_parks_in_article_order(latest):
    assert list(runner.run("parks", latest)["name_zh"]) == ["五里园", "安东园", "食品园", "三创园", "综合保税区"]
