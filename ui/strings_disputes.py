"""Words of the disputes page, in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {}
