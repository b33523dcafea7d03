"""Figures kept by what they are drawn from, for every session of the process.

Building a plotly figure is most of a page's run: plotly validates every property as it is set (the
grid structure's three panels take 40 ms). A builder marked `@kept` is a pure function of its
arguments (frames, series, strings, numbers, dataclasses of them), the park colours and the published
figures. The figure it built is kept as plotly's own dict, and an equal call later gets a new figure
made from that dict without validating it again (about 1.5 ms), which the caller may restyle as it likes.
"""

import collections
import dataclasses
import datetime
import functools
import hashlib
import pickle
import threading

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries import runner
from ui import theme

KEPT_FIGURES = 512  # each a few KiB to a few hundred (a treemap or a scatter of the 100x data); 0: none

_kept: collections.OrderedDict = collections.OrderedDict()
_lock = threading.Lock()
builds = collections.Counter()  # figures built (not taken from those kept), by builder: for the tests


class Unkeyable(TypeError):
    """An argument whose content cannot name a figure: the figure is built every time."""


def kept(builder):
    """Mark a figure builder as pure: an equal call returns a copy of the figure built before."""
    name = f"{builder.__module__}.{builder.__qualname__}"

    @functools.wraps(builder)
    def build(*args, **kwargs):
        if not KEPT_FIGURES:
            builds[name] += 1
            return builder(*args, **kwargs)
        try:
            key = (
                name,
                _key(args),
                _key(kwargs),
                tuple(theme.PARK_COLOURS.items()),
                id(runner.published_by_key()),  # one dict per file of published figures
            )
        except Unkeyable:
            key = None
        with _lock:
            spec = _kept.get(key) if key is not None else None
            if spec is not None:
                _kept.move_to_end(key)
        if spec is not None:
            return _figure(spec)
        builds[name] += 1
        figure = builder(*args, **kwargs)
        if key is None:
            return figure
        spec = figure.to_dict()
        with _lock:
            _kept[key] = spec
            while len(_kept) > KEPT_FIGURES:
                _kept.popitem(last=False)
        return _figure(spec)  # as every later call gets it: the same JSON, so the chart's element id holds

    return build


def forget() -> None:
    """Drop every figure kept."""
    with _lock:
        _kept.clear()


def _figure(spec: dict) -> go.Figure:
    """A figure made from a dict plotly made (valid already), which validates what is set on it later (a
    template by name, say, which only validation expands)."""
    figure = go.Figure(spec, _validate=False)
    figure._validate = figure.layout._validate = True
    for trace in figure.data:
        trace._validate = True
    return figure


def _key(value):
    """What names `value`'s content: itself if hashable and plain, a digest of a frame's or series' pickle."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, (float, np.generic, datetime.date, type(pd.NA), type(pd.NaT))):
        return (type(value).__name__, repr(value))  # NaN is not equal to itself, its repr is
    if isinstance(value, (pd.DataFrame, pd.Series)):
        try:
            return ("pandas", hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest())
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            raise Unkeyable(str(error)) from error
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, _key(dataclasses.astuple(value)))
    if isinstance(value, dict):
        return ("dict", tuple((_key(k), _key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(map(_key, value)))
    raise Unkeyable(f"{type(value).__name__} cannot name a figure")
