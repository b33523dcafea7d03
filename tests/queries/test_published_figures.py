"""Every figure the article publishes, recomputed through the dashboard's own queries."""

import pytest

from queries import metrics, runner

# figures the article gives that the tables do not hold (people outside the grid staff)
NOT_IN_TABLES = {"party_volunteers"}


def measure(key: str, park: str | None, snap) -> float:
    """The figure `key` as the dashboard computes it: through its catalogue metric (queries/metrics.py)
    where a KPI shows it, else through the question that gives it."""
    if key in BY_FIGURE:
        return metrics.read(BY_FIGURE[key].key, snap, park).value
    if key in BY_GROWTH:
        return round(metrics.read(BY_GROWTH[key].key, snap, park).growth, 2)

    def one(query: str, column: str):
        return runner.run(query, snap, park_id=park).at[0, column]

    not_kpis = {  # figures no KPI card shows: the count of parks, service groups, the links' range
        "parks": lambda: len(runner.run("parks", snap)),
        # the park's row, or the zone's total (the last row)
        "service_groups": lambda: runner.run("grids_structure_by_park", snap, park_id=park).iloc[-1][
            "service_group_count"
        ],
        "linked_workers_min": lambda: one("party_totals", "linked_workers_min"),
        "linked_workers_max": lambda: one("party_totals", "linked_workers_max"),
    }
    return not_kpis[key]()


BY_FIGURE = {m.figure: m for m in metrics.METRICS if m.figure}
BY_GROWTH = {m.growth_figure: m for m in metrics.METRICS if m.growth_figure}


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
