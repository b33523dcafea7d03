from ui import strings


def test_every_string_has_chinese_and_english():
    for key, texts in strings.STRINGS.items():
        assert set(texts) == {"zh", "en"}, key
        assert all(texts.values()), key
