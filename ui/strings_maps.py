"""Words of the maps page, in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {}
