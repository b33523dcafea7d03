import math

from ui import fmt


def test_money_as_published():
    assert fmt.yuan(140_049_000_000) == "1400.49亿元"
    assert fmt.yuan(19_900_000_000) == "199亿元"
    assert fmt.yuan(18_726_000) == "1872.6万元"
    assert fmt.yuan(18_726_000, unit="yi") == "0.19亿元"
    assert fmt.yuan(140_049_000_000, "en") == "CNY 140,049 m"
    assert fmt.yuan(18_726_000, "en") == "CNY 18.726 m"
    assert fmt.yuan(None) == fmt.yuan(math.nan) == "—"


def test_area_count_and_percent():
    assert fmt.area_m2(3_320_000) == "332万平方米"
    assert fmt.area_m2(3_320_000, "en") == "3.32 million m²"
    assert fmt.count(1179) == "1179"
    assert fmt.count(1179, lang="en") == "1,179"
    assert fmt.count(179, signed=True) == "+179"
    assert fmt.count(-3, signed=True) == "-3"
    assert fmt.pct(9.7912) == "9.79%"
    assert fmt.pct(31.64, signed=True) == "+31.64%"
