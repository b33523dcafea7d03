"""Where a number comes from: the article, the zone's reported data, demo data, or an unrecorded source.

A number is tagged published (已发布) only when it is the figure the article prints for the same scope
(the zone, or the one park the article names) and the same date, the data gives it back exactly,
and the snapshot's manifest is in order. Every other number takes the tag of its snapshot's source
(`queries/manifest.py`): 报送数据 for the zone's reported data, 演示数据 for demo data, 来源未登记
when the snapshot has no manifest that can be trusted. A zone-wide published figure seen for a
single park says that the park's share is not published.
"""

from dataclasses import dataclass

from queries import manifest, runner

PUBLISHED, REPORTED, DEMO, UNRECORDED = "published", "reported", "demo", "unrecorded"
KINDS = (PUBLISHED, REPORTED, DEMO, UNRECORDED)
SOURCE_KINDS = {"demo": DEMO, "reported": REPORTED}


@dataclass(frozen=True)
class Provenance:
    kind: str  # one of KINDS
    sentence: str | None = None  # the article's sentence, when published
    zone_only: bool = False  # the article publishes only the zone total of this figure

    @property
    def published(self) -> bool:
        return self.kind == PUBLISHED


def record(snapshot: runner.Snapshot) -> manifest.Record:
    """The snapshot's manifest, checked against its files (once per version of them)."""
    return manifest.record(snapshot.path, snapshot.fingerprint)


def of_snapshot(snapshot: runner.Snapshot) -> Provenance:
    """The provenance of the snapshot's own detail: reported, demo or unrecorded."""
    return Provenance(SOURCE_KINDS.get(record(snapshot).source, UNRECORDED))


def shown_as(published: bool, snapshot: runner.Snapshot) -> Provenance:
    """A chart's, table's or note's tag: published where its figures are the article's, otherwise the
    source of its snapshot."""
    return Provenance(PUBLISHED) if published else of_snapshot(snapshot)


def _matches(value, published_value: float, unit: str) -> bool:
    if value is None:
        return False
    if unit == "percent":
        return round(float(value), 2) == round(published_value, 2)
    return float(value) == published_value


def of(key: str | None, value, park_id: str | None, snapshot: runner.Snapshot) -> Provenance:
    """The provenance of `value`, the figure `key` (None: no published figure) for `park_id` (None: the
    zone) in `snapshot`."""
    detail = of_snapshot(snapshot)
    if key is None:
        return detail
    figures = runner.published_by_key()
    figure = figures.get((key, park_id or ""))
    if (
        figure is not None
        and detail.kind != UNRECORDED
        and figure["as_of"] == snapshot.date
        and _matches(value, figure["value"], figure["unit"])
    ):
        return Provenance(PUBLISHED, figure["sentence"])
    return Provenance(detail.kind, zone_only=park_id is not None and (key, "") in figures)


def both(value: Provenance, change: Provenance) -> Provenance:
    """A value shown with its change is published only if both are."""
    return value if change.published or not value.published else change


def published(key: str, value, park_id: str | None, snapshot: runner.Snapshot) -> bool:
    return of(key, value, park_id, snapshot).published
