"""Words of the economy page, in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {}
