"""Figures kept across runs: a page run again draws the same charts without building them, and a kept
figure is never another call's figure."""

import json
import pickle

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.pages.helpers import open_app
from tests.parks import PARK_IDS
from ui import kept_figures, theme


def _json(fig: go.Figure):
    return json.loads(fig.to_json())


def _specs(at) -> list[str]:
    return [element.proto.spec for element in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["grid_coverage.py", "economy.py", "labor_disputes.py", "big_screen.py"])
@pytest.mark.parametrize("park", [None, PARK_IDS[1]])
def test_a_page_run_again_draws_the_same_charts_without_building_one(page, park, monkeypatch):
    query = ({"park": park} if park else {}) | ({"rotate": "0"} if page == "big_screen.py" else {})  # held still
    with monkeypatch.context() as nothing_kept:
        nothing_kept.setattr(kept_figures, "KEPT_FIGURES", 0)
        built_afresh = [json.loads(spec) for spec in _specs(open_app(page=page, **query))]
    at = open_app(page=page, **query)
    first, built = _specs(at), sum(kept_figures.builds.values())
    assert len(first) >= 3
    assert [json.loads(spec) for spec in first] == built_afresh
    at.run()
    assert not at.exception
    assert _specs(at) == first  # the very same JSON: the charts keep their element ids
    assert sum(kept_figures.builds.values()) == built


def test_a_park_of_its_own_gets_figures_of_its_own():
    at = open_app(page="labor_disputes.py")
    zone = _specs(at)
    at.sidebar.selectbox(key="park").set_value(PARK_IDS[0]).run()  # the same builders, other frames
    assert not at.exception
    assert _specs(at) != zone
    assert [json.loads(spec)["data"][0].get("x") for spec in _specs(at)] != [
        json.loads(spec)["data"][0].get("x") for spec in zone
    ]


@kept_figures.kept
def _bars(frame: pd.DataFrame, title: str, scale: float = 1.0) -> go.Figure:
    fig = go.Figure(go.Bar(x=frame["x"], y=frame["y"] * scale))
    return theme.style(fig, title={"text": str(title)})


FRAME = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})


def test_an_equal_call_gets_a_copy_that_it_may_change_alone():
    built = kept_figures.builds["tests.ui.test_kept_figures._bars"]
    first = _bars(FRAME, "T")
    again = _bars(FRAME.copy(), "T")  # equal content in another frame
    assert kept_figures.builds["tests.ui.test_kept_figures._bars"] == built + 1
    assert again is not first and _json(again) == _json(first)
    again.update_layout(height=999, template="plotly_dark")  # a restyle: the copy validates what is set
    assert isinstance(again.to_dict()["layout"]["template"], dict)
    with pytest.raises(ValueError):
        again.update_traces(marker_color="not a colour")
    assert _bars(FRAME, "T").layout.height == theme.CHART_HEIGHT  # the kept one did not change


@pytest.mark.parametrize(
    "other",
    [
        (FRAME.assign(y=[1, 3]), "T"),  # one value
        (FRAME.astype({"y": "float64"}), "T"),  # a dtype
        (FRAME.iloc[::-1], "T"),  # the order of the rows
        (FRAME, "U"),  # an argument
        (FRAME, "T", 2.0),
        (FRAME, "T", float("nan")),
    ],
)
def test_a_call_that_differs_in_anything_gets_its_own_figure(other):
    _bars(FRAME, "T")
    built = kept_figures.builds["tests.ui.test_kept_figures._bars"]
    assert _json(_bars(*other)) == _json(_bars.__wrapped__(*other))
    assert kept_figures.builds["tests.ui.test_kept_figures._bars"] == built + 1


def test_nan_names_the_same_figure_each_time():
    _bars(FRAME, "T", float("nan"))
    built = kept_figures.builds["tests.ui.test_kept_figures._bars"]
    _bars(FRAME, "T", float("nan"))
    assert kept_figures.builds["tests.ui.test_kept_figures._bars"] == built


def test_a_new_park_colour_draws_the_figure_again(monkeypatch):
    _bars(FRAME, "T")
    built = kept_figures.builds["tests.ui.test_kept_figures._bars"]
    monkeypatch.setitem(theme.PARK_COLOURS, "harbour", "#000000")
    _bars(FRAME, "T")
    assert kept_figures.builds["tests.ui.test_kept_figures._bars"] == built + 1


def test_an_argument_that_cannot_name_a_figure_builds_it_every_time():
    built = kept_figures.builds["tests.ui.test_kept_figures._bars"]
    _bars(FRAME, object())
    _bars(FRAME, object())
    assert kept_figures.builds["tests.ui.test_kept_figures._bars"] == built + 2


def test_at_most_kept_figures_are_kept_the_least_recently_used_going_first(monkeypatch):
    monkeypatch.setattr(kept_figures, "KEPT_FIGURES", 2)
    name = "tests.ui.test_kept_figures._bars"
    _bars(FRAME, "a"), _bars(FRAME, "b"), _bars(FRAME, "a"), _bars(FRAME, "c")  # "b" is the oldest used
    built = kept_figures.builds[name]
    _bars(FRAME, "a"), _bars(FRAME, "c")
    assert kept_figures.builds[name] == built
    _bars(FRAME, "b")
    assert kept_figures.builds[name] == built + 1


def test_the_figures_kept_stay_within_their_bytes(monkeypatch):
    one = len(pickle.dumps(_bars(FRAME, "a").to_dict(), protocol=5))
    monkeypatch.setattr(kept_figures, "KEPT_BYTES", int(one * 4.5))  # four figures of this size
    name = "tests.ui.test_kept_figures._bars"
    for title in "abcde":
        _bars(FRAME, title)
    assert kept_figures._bytes <= kept_figures.KEPT_BYTES
    built = kept_figures.builds[name]
    _bars(FRAME, "e"), _bars(FRAME, "b")
    assert kept_figures.builds[name] == built
    _bars(FRAME, "a")  # the oldest went first
    assert kept_figures.builds[name] == built + 1


def test_a_figure_over_a_quarter_of_the_bytes_is_built_every_time(monkeypatch):
    one = len(pickle.dumps(_bars(FRAME, "big").to_dict(), protocol=5))
    monkeypatch.setattr(kept_figures, "KEPT_BYTES", one * 3)
    kept_figures.forget()
    name = "tests.ui.test_kept_figures._bars"
    built = kept_figures.builds[name]
    _bars(FRAME, "big"), _bars(FRAME, "big")
    assert kept_figures.builds[name] == built + 2 and kept_figures._bytes == 0
