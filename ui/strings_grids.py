"""Words of the grids page, in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {}
