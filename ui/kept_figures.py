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
import os
import pickle
import threading

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries import runner
from ui import theme

KEPT_FIGURES = 512  # 0: none kept
KEPT_BYTES = int(float(os.environ.get("JEDZ_FIGURE_CACHE_MIB", "64")) * 2**20)  # a figure: a few KiB to 2 MiB

_kept: collections.OrderedDict = collections.OrderedDict()  # key: (spec, its size in bytes)
_bytes = 0
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
            found = _kept.get(key) if key is not None else None
            if found is not None:
                _kept.move_to_end(key)
        if found is not None:
            return _figure(found[0])
        builds[name] += 1
        figure = builder(*args, **kwargs)
        if key is None:
            return figure
        spec = figure.to_dict()
        _keep(key, spec, len(pickle.dumps(spec, protocol=5)))
        return _figure(spec)  # as every later call gets it: the same JSON, so the chart's element id holds

    return build


def _keep(key: tuple, spec: dict, size: int) -> None:
    """Keep a figure, the least recently used going first past KEPT_FIGURES or KEPT_BYTES (a figure over a
    quarter of the bytes is not kept)."""
    global _bytes
    if size > KEPT_BYTES // 4:
        return
    with _lock:
        if (old := _kept.pop(key, None)) is not None:
            _bytes -= old[1]
        _kept[key] = spec, size
        _bytes += size
        while len(_kept) > KEPT_FIGURES or _bytes > KEPT_BYTES:
            _bytes -= _kept.popitem(last=False)[1][1]


def forget() -> None:
    """Drop every figure kept."""
    global _bytes
    with _lock:
        _kept.clear()
        _bytes = 0


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
