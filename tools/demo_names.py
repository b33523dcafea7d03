"""Vocabulary of the demo world: parks, industries, invented enterprise and grid names.

Every enterprise name is invented from a trade name (字号) and an industry word. Names of real
enterprises (those the article mentions and well-known Jinjiang brands) are excluded by a
forbidden-substring list, checked on every generated name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

# park_id, name_zh, name_en, lon, lat (approximate WGS-84 centres), level-1/2/3 grid counts at scale 1
PARKS = (
    ("wuli", "五里园", "Wuli Park", 118.53, 24.75, 3, 26, 520),
    ("andong", "安东园", "Andong Park", 118.47, 24.69, 1, 5, 144),
    ("food", "食品园", "Food Park", 118.44, 24.74, 2, 13, 270),
    ("sanchuang", "三创园", "Sanchuang Innovation Park", 118.57, 24.80, 1, 4, 110),
    ("bonded", "综合保税区", "Comprehensive Bonded Zone", 118.60, 24.79, 1, 10, 135),
)
PARK_ZH = {p[0]: p[1] for p in PARKS}

SANCHUANG_L2 = ("创客大街", "研发设计中心", "海归人员创业中心", "人才公寓")
SERVICE_GROUPS_SANCHUANG = 11

# Real enterprises named in the article and well-known Jinjiang brands: never part of a synthetic name.
FORBIDDEN = (
    "凤竹",
    "佳福",
    "兴业",
    "信泰",
    "非莉",
    "美沿",
    "安踏",
    "特步",
    "361",
    "七匹狼",
    "恒安",
    "盼盼",
    "亲亲",
    "利郎",
    "鸿星",
    "尔克",
    "贵人鸟",
    "匹克",
    "乔丹",
    "劲霸",
    "柒牌",
    "浔兴",
    "德尔惠",
    "喜得龙",
    "金莱克",
    "雅客",
    "达利",
    "舒华",
    "晋工",
    "富贵鸟",
    "九牧王",
    "回头客",
    "福马",
    "金冠",
    "友臣",
    "蜡笔小新",
    "百宏",
    "永和",
    "嘉宝",
    "华宝",
)

TRADE_CHARS = (
    "恒盛泉鑫宏达华祥瑞隆源丰益顺昌海金宝荣润豪腾辉晟锦绿新永嘉欣博创凯诚富裕远航鹏星峰龙翔振和泰东"
    "明汇通联立正大中天德成锐骏耀晖亿万泓沣宸弘彩雅柏林森广恩群协力卓越晶晨阳光佳福康乐信美舜禾"
)


@dataclass(frozen=True)
class Industry:
    name: str
    words: tuple[str, ...]  # industry words of the enterprise name (after the trade name)
    median: float  # employees: lognormal median, sigma, clip range
    sigma: float
    lo: int
    hi: int
    manufacturing: bool = True


INDUSTRIES = {
    i.name: i
    for i in (
        Industry("鞋服", ("鞋业", "鞋材", "服饰", "服装", "制衣", "运动鞋服"), 450, 0.7, 150, 3000),
        Industry("纺织印染", ("纺织", "染整", "印染", "织造", "针织"), 220, 0.6, 80, 800),
        Industry("皮革", ("皮革", "革业", "皮具"), 150, 0.6, 40, 600),
        Industry("包装印刷", ("包装", "彩印", "印刷", "纸品"), 90, 0.6, 20, 400),
        Industry("建材", ("建材", "陶瓷", "石材", "新型建材"), 110, 0.6, 20, 500),
        Industry("机械制造", ("机械", "机电", "精密机械", "智能装备"), 120, 0.7, 20, 600),
        Industry("体育用品", ("体育用品", "运动器材", "户外用品"), 250, 0.7, 50, 1200),
        Industry("化纤", ("化纤", "纤维", "涤纶"), 200, 0.6, 50, 800),
        Industry("食品制造", ("糖果", "饼业", "饮料", "调味品", "食品"), 260, 0.8, 50, 1800),
        Industry("食品包装", ("食品包装", "包装材料"), 80, 0.5, 20, 300),
        Industry("冷链", ("冷链物流", "冷链"), 50, 0.6, 15, 200),
        Industry("软件信息", ("信息科技", "软件", "网络科技", "数字科技"), 14, 0.7, 3, 60, False),
        Industry("电子商务", ("电子商务", "电商", "网络"), 12, 0.7, 3, 60, False),
        Industry("工业设计", ("工业设计", "设计", "创意设计"), 10, 0.6, 3, 60, False),
        Industry("智能硬件", ("智能科技", "电子科技", "物联网科技"), 16, 0.7, 3, 60, False),
        Industry("新材料研发", ("新材料科技", "材料科技"), 15, 0.6, 3, 60, False),
        Industry("文化创意", ("文化传媒", "文化创意", "文化科技"), 9, 0.6, 3, 60, False),
        Industry("跨境电商", ("跨境电商", "供应链", "跨境贸易"), 40, 0.7, 10, 200, False),
        Industry("仓储物流", ("物流", "仓储", "供应链管理", "国际物流"), 80, 0.7, 20, 300, False),
        Industry("保税加工", ("精密电子", "光电", "精密制造"), 120, 0.7, 30, 600),
        Industry("国际贸易", ("进出口贸易", "国际贸易", "贸易"), 15, 0.7, 3, 80, False),
    )
}

PARK_INDUSTRIES = {
    "wuli": (
        ("鞋服", 40),
        ("纺织印染", 12),
        ("皮革", 6),
        ("包装印刷", 10),
        ("建材", 7),
        ("机械制造", 10),
        ("体育用品", 9),
        ("化纤", 6),
    ),
    "andong": (
        ("鞋服", 30),
        ("纺织印染", 22),
        ("皮革", 10),
        ("包装印刷", 8),
        ("建材", 8),
        ("机械制造", 8),
        ("体育用品", 6),
        ("化纤", 8),
    ),
    "food": (("食品制造", 62), ("食品包装", 24), ("冷链", 14)),
    "sanchuang": (
        ("软件信息", 22),
        ("电子商务", 20),
        ("工业设计", 16),
        ("智能硬件", 16),
        ("新材料研发", 12),
        ("文化创意", 14),
    ),
    "bonded": (("跨境电商", 30), ("仓储物流", 30), ("保税加工", 20), ("国际贸易", 20)),
}

PREFIXES = ("晋江市", "晋江", "福建", "泉州")
PREFIX_WEIGHTS = (0.55, 0.1, 0.25, 0.1)

ROADS = (
    "世纪大道",
    "园区大道",
    "创新路",
    "科技路",
    "工业一路",
    "工业二路",
    "工业三路",
    "启航路",
    "宏图路",
    "创业路",
    "同心路",
    "智造路",
    "长兴路",
    "东环路",
    "西环路",
    "振兴路",
    "迎宾路",
    "海峡路",
    "金山路",
    "滨江路",
    "梅岭路",
    "阳光路",
    "南环路",
    "北环路",
    "发展路",
    "厚德路",
    "嘉园路",
    "丰泽路",
    "锦绣路",
    "和平路",
    "晨光路",
    "翠湖路",
)
ROAD_PARTS = ("东", "西", "南", "北", "中")
ORDINALS = "一二三四五六七八九十"


_FORBIDDEN_RE = re.compile("|".join(re.escape(f) for f in FORBIDDEN))


def clean(name: str) -> bool:
    return _FORBIDDEN_RE.search(name) is None


@functools.cache
def _trade_pool(long: bool) -> tuple[str, ...]:
    chars = list(TRADE_CHARS)
    pairs = [a + b for a in chars for b in chars if a != b and clean(a + b)]
    if not long:
        return tuple(pairs)
    return tuple(pairs + [p + c for p in pairs for c in chars[:40] if c not in p and clean(p + c)])


def trade_names(rng: np.random.Generator, n: int) -> list[str]:
    """`n` distinct invented trade names (2 characters, 3 when 2 are not enough), none forbidden."""
    pool = _trade_pool(False)
    if n > len(pool) // 2:
        pool = _trade_pool(True)
    pick = rng.choice(len(pool), size=n, replace=False)
    return [pool[i] for i in pick]


def enterprise_names(rng: np.random.Generator, words: list[str], employees: np.ndarray) -> tuple[list[str], list[str]]:
    """Full and short names for enterprises with the given industry words; short names are unique."""
    n = len(words)
    shorts: list[str] = [""] * n
    by_word: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        by_word.setdefault(w, []).append(i)
    for w in sorted(by_word):
        idx = by_word[w]
        for i, t in zip(idx, trade_names(rng, len(idx)), strict=True):
            shorts[i] = t + w
    prefix = rng.choice(len(PREFIXES), size=n, p=PREFIX_WEIGHTS)
    tech = rng.random(n) < 0.25
    full = []
    for i in range(n):
        w = words[i]
        if employees[i] >= 1500:
            suffix = "股份有限公司"
        elif tech[i] and not w.endswith("科技") and w not in ("物流", "仓储", "贸易", "国际贸易", "进出口贸易"):
            suffix = "科技有限公司"
        else:
            suffix = "有限公司"
        full.append(PREFIXES[prefix[i]] + shorts[i] + suffix)
    bad = [x for x in full if not clean(x)]
    if bad:
        raise AssertionError(f"forbidden name generated: {bad[:3]}")
    return full, shorts


def level1_names(park_zh: str, n: int) -> list[str]:
    if n == 1:
        return [f"{park_zh}一级网格"]
    if n <= 3:
        parts = ("西片", "东片") if n == 2 else ("西片", "中片", "东片")
        return [f"{park_zh}{p}一级网格" for p in parts]
    return [f"{park_zh}第{i + 1}片区一级网格" for i in range(n)]


def level2_names(rng: np.random.Generator, park_id: str, n: int, used: set[str]) -> list[str]:
    """Names of level-2 grids: 三创园 keeps the article's four; others get invented road areas."""
    if park_id == "sanchuang":
        return [SANCHUANG_L2[i % 4] + ("" if i < 4 else f"{_cn(i // 4 + 1)}区") for i in range(n)]
    pool = [r + p + "片区" for r in ROADS for p in ROAD_PARTS]
    order = rng.permutation(len(pool))
    out: list[str] = []
    round_ = 0
    while len(out) < n:
        for k in order:
            name = pool[k] + ("" if round_ == 0 else f"({_cn(round_ + 1)})")
            if name not in used:
                used.add(name)
                out.append(name)
                if len(out) == n:
                    break
        round_ += 1
    return out


def _cn(k: int) -> str:
    """Chinese numeral for 1..99 (Arabic digits beyond)."""
    if k > 99:
        return str(k)
    if k <= 10:
        return ORDINALS[k - 1]
    tens, ones = divmod(k, 10)
    return (ORDINALS[tens - 1] if tens > 1 else "") + "十" + (ORDINALS[ones - 1] if ones else "")
