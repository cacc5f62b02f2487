"""Where a name begins and whether it is one: the left edge of a suffix name, generic phrases.

A name's right edge is its suffix (or a title, a list separator); its left edge is found by
walking back over jieba's part-of-speech tags (:func:`left_edge`). Common noun phrases that
only look like names (人形机器人, 量子科技) are refused by :func:`is_generic`.
"""

from __future__ import annotations

import re

from loaders.ingest.segment import frequency, tag
from loaders.ingest.vocabulary import (
    BOUNDARY,
    COMPANY_LABELS,
    COMPANY_SUFFIXES,
    DIRECTIONS,
    FUNCTION_FLAGS,
    GENERIC,
    INSTITUTION_LABELS,
    LEAD_FLAGS,
    NAME_FLAGS,
    NAME_SUFFIXES,
    PRODUCT_LIKE,
    PROPER_FLAGS,
    RARE,
    STOP_WORDS,
    name_suffix,
    suffix_label,
)

# A short bracketed place inside a name: 星海大学（苏州）, 北辰（苏州）…创新中心.
_IN_NAME_BRACKETS = re.compile(r"（[\u4e00-\u9fff]{2,4}）")
LEGAL_SUFFIXES = frozenset({"有限公司", "股份有限公司", "有限责任公司"})
_EDITION = re.compile(r"^(?:\d{4}\s?(?:年度?)?|第[\d一二三四五六七八九十百]+届)")
_COUNTED = re.compile(r"[一二两三四五六七八九十几多数]大|首批|[0-9一二三四五六七八九十]+家")
_LIST_LEAD = re.compile(r"^(?:.*?(?:包括|例如|比如|如|由|以及|还有|有|像|其中|聚集了|聚集|涌现出|涌现了|涌现|"
                        r"就职于|任职于|供职于|效力于|涵盖|包含|"
                        r"吸引了|吸引|培育了|培育|拥有|诞生了|诞生|集聚了|集聚|汇聚了|汇聚|代表|参与|参加|加入|出席|交付))")


_GENERIC_RUN = re.compile("(?:" + "|".join(map(re.escape, sorted(GENERIC | STOP_WORDS, key=len,
                                                                 reverse=True)))
                          + ")*")
_VERB_AWARD = re.compile(r"(?:获|得|颁|领|中)奖$")
_ADVERBS = frozenset("共同 一起 不断 正在 进一步 全面 已经 逐步 积极 大力 持续 率先 首次".split())
_GENERIC_OPENING = re.compile(r"^(?:公司|企业|集团(?!公司$)|该|本|这|那|其)")
"""集团技术委员会: the group's own body, not a name (集团 refers back to the company)."""


def only_generic(text: str) -> bool:
    """True when ``text`` is nothing but generic and stop words, read left to right (工业具身智能)."""
    return _GENERIC_RUN.fullmatch(text) is not None


def is_generic(name: str) -> bool:
    """True for common noun phrases that only look like names (人形机器人, 人工智能, 量子科技)."""
    if name in GENERIC or name in STOP_WORDS or _VERB_AWARD.search(name) or _GENERIC_OPENING.match(name):
        return True
    label_suffix = name_suffix(name)
    prefix = name[: len(name) - len(label_suffix)] if label_suffix else name
    dated = suffix_label(name) in {"Award", "Event"} and _EDITION.match(prefix)  # 2024年度…奖
    if not prefix or prefix in GENERIC or (prefix[0].isdigit() and not dated) or _COUNTED.search(name):
        return True
    if len(name) <= 4 and frequency(name) > 1000 and not label_suffix:
        words = tag(name)
        if len(words) != 1 or words[0][1] not in PROPER_FLAGS:  # 国务院 (nt) is a name
            return True
    tokens = list(tag(prefix))
    if tokens and tokens[0][0] in _ADVERBS:
        return True  # 共同…科技: a name does not open with a common adverb
    if label_suffix in COMPANY_SUFFIXES:  # 苏州机器人, 中国科技: a place and a common noun
        tokens = [(w, f) for w, f in tokens if f not in {"ns", "m", "q", "mq"}]
        if len(tokens) >= 2 and tokens[-1][1] == "a" and len(tokens[-1][0]) == 1 and len(tokens[-2][0]) >= 2:
            return True  # 顶级硬科技: an adjective before the suffix describes, it does not name
    return all(w in GENERIC or w in STOP_WORDS for w, _ in tokens) or only_generic(
        "".join(w for w, _ in tokens))


_NUMERALS = frozenset("一二三四五六七八九十百千万亿两零几数多半")
"""Characters that count; another one tagged as a numeral (元, 兆) may open a legal name."""


def left_edge(sentence: str, end: int, suffix: str, known_ends: set[int]) -> int | None:
    """Start of the name ending at ``end`` (found with jieba over a window), or None.

    Walking left from the suffix, nouns, proper nouns, single characters and verbs rare in
    jieba's dictionary (具身, 共建) are kept; common verbs, function words and punctuation stop
    the name, and so does the end of a known name followed by a verb (某部授牌…).
    """
    window_start = max(0, end - 24)
    inside = {i for b in _IN_NAME_BRACKETS.finditer(sentence, window_start, end)
              if b.start() > 0 and BOUNDARY.match(sentence, b.start() - 1) is None
              for i in (b.start(), b.end() - 1)}
    for m in BOUNDARY.finditer(sentence, window_start, end):
        if m.start() not in inside:
            window_start = m.end()
    tokens = tag(sentence[window_start:end])
    start = end
    proper = False
    previous_flag = ""
    backwards = list(reversed(tokens))
    legal = suffix in LEGAL_SUFFIXES
    for k, (word, flag) in enumerate(backwards):
        in_suffix = end - start < len(suffix)
        rare = ((flag not in FUNCTION_FLAGS or word in DIRECTIONS)
                and (len(word) == 1 or frequency(word) < RARE))
        adverb_like = flag == "d" and len(word) == 2 and word not in STOP_WORDS  # 首都 tagged d
        # verbal nouns name what events, centres and bodies are about (发展大会, 建设推进大会)
        label = NAME_SUFFIXES.get(suffix)
        verbal = (flag == "vn" and label is not None and label not in COMPANY_LABELS) or (
            flag == "v" and label == "Event")  # …城市建设推进大会
        bracket = start - len(word) in inside
        left = backwards[k + 1] if k + 1 < len(backwards) else ("", "")
        # an event's own verb between nouns (城市建设推进大会), not a verb opening the clause
        event_verb = verbal and left[1] in {"n", "ns", "nt", "nz"} and left[0] not in STOP_WORDS
        # an institute's fields: 智能系统与控制研究所 (与 and a verb between nouns, not two bodies)
        inner_and = (word in {"与", "和"} and (label in INSTITUTION_LABELS or label == "Event")
                     and left[1] in {"n", "vn", "v", "nt"} and left[0] not in STOP_WORDS
                     and (not name_suffix(left[0]) or left[0] in GENERIC)
                     and start - len(word) not in known_ends)
        field_verb = (label in INSTITUTION_LABELS and flag in {"v", "vn"} and word not in STOP_WORDS
                      and (left[0] in {"与", "和"} or left[1] in {"n", "nt", "nz", "ns"}))
        punctuation = flag == "x" and not word.isascii() and not bracket
        # a legal name (…科技有限公司) runs back over verbs and adverbs too: 巧手创新科技有限公司
        legal_part = legal and flag in {"v", "vn", "d", "a", "ad", "vg", "ag"} and word not in STOP_WORDS
        if not in_suffix and ((word in STOP_WORDS and not event_verb and not inner_and) or punctuation
                              or (flag == "m" and not word.isascii()
                                  and not (legal and len(word) == 1 and word not in _NUMERALS))
                              or (flag not in NAME_FLAGS and not rare and not adverb_like and not verbal
                                  and not field_verb and not inner_and and not legal_part)
                              or (start in known_ends and previous_flag.startswith("v"))):
            break
        start -= len(word)
        previous_flag = flag
        proper = proper or flag in PROPER_FLAGS or (frequency(word) == 0 and len(word) >= 2)
        if end - start >= 20:
            break
    if end - start < len(suffix) + 2 or end - start > 24:
        return None
    if not proper and suffix in COMPANY_SUFFIXES and end - start - len(suffix) < 2:
        return None
    if suffix in PRODUCT_LIKE:  # 人形机器人, 物流服务机器人: categories unless the prefix is a name
        if any(c.isdigit() for c in sentence[start:end - len(suffix)]):
            return None  # s1机器人: a model, not a company
        prefix = tag(sentence[start:end - len(suffix)])
        places = PROPER_FLAGS if suffix == "咨询" else PROPER_FLAGS - {"ns"}
        if not prefix or not all((f in places or frequency(w) == 0) and w not in GENERIC
                                 for w, f in prefix):
            return None
    return start


def starts_with_place(name: str) -> bool:
    """厦门市人才局, 思明区政府: a government name opens with a place."""
    first = tag(name)[0]
    return first[1] == "ns" and len(first[0]) >= 2 and len(name) > len(first[0]) + 1


def strip_lead(text: str, single_verbs: bool = True) -> int:
    """How many leading characters of ``text`` are not part of the name that ends it.

    Drops an introducing phrase (包括, 例如 …), everything up to a last 的, and leading
    prepositions, conjunctions and common verbs (到北辰集团 → 北辰集团). A direction (中, 东) is
    kept, and so is a one-character verb when ``single_verbs`` is False (松… may open a name).
    """
    lead = _LIST_LEAD.match(text)
    cut = lead.end() if lead else 0
    de = text.rfind("的", cut)
    if de >= 0:
        cut = de + 1
    for word, flag in tag(text[cut:]):
        if word in DIRECTIONS or (not single_verbs and len(word) == 1 and word not in STOP_WORDS):
            break
        if word in STOP_WORDS or (flag in LEAD_FLAGS and frequency(word) >= RARE):
            cut += len(word)
        else:
            break
    return cut
