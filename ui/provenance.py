"""Is a number the article's published figure, or synthetic demo detail?

A number is tagged published only when it is the figure the article prints for the same scope
(the zone, or the one park the article names) and the same date, and the data gives it back
exactly. Everything else is demo detail; a zone-wide published figure seen for a single park says
that the park's share is not published.
"""

from dataclasses import dataclass

from queries import runner


@dataclass(frozen=True)
class Provenance:
    published: bool
    sentence: str | None = None  # the article's sentence, when published
    zone_only: bool = False  # the article publishes only the zone total of this figure


def _matches(value, published_value: float, unit: str) -> bool:
    if value is None:
        return False
    if unit == "percent":
        return round(float(value), 2) == round(published_value, 2)
    return float(value) == published_value


def of(key: str, value, park_id: str | None, as_of: str) -> Provenance:
    """The provenance of `value`, the figure `key` for `park_id` (None: the zone) on `as_of`."""
    figures = runner.published_by_key()
    figure = figures.get((key, park_id or ""))
    if figure is not None and figure["as_of"] == as_of and _matches(value, figure["value"], figure["unit"]):
        return Provenance(True, figure["sentence"])
    return Provenance(False, zone_only=park_id is not None and (key, "") in figures)


def both(value: Provenance, change: Provenance) -> Provenance:
    """A value shown with its change is published only if both are."""
    return value if change.published or not value.published else change
