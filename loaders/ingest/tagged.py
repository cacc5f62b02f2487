"""Names from the statistical tagger's spans, bounded and typed by the suffix rules and the vocabulary.

LAC proposes ``ORG``, ``PER``, ``LOC`` and ``nz`` spans; the rules decide: a span directly
followed by a typing suffix takes it (云泽 + 资本), an organisation split around a bracketed
place is joined (启智 + （芜湖） + 智能机器人有限公司), a leading title or trailing title is cut
off, generic phrases are refused, and the label comes from the suffix (else Company for ORG).
A ``PER`` must open with a surname; an ``nz`` only counts right after a company descriptor
(…公司「星河纪元」).
"""

from __future__ import annotations

import re

from loaders.ingest.mentions import Mention
from loaders.ingest.names import is_generic
from loaders.ingest.ner import Span
from loaders.ingest.segment import tag as tag_words
from loaders.ingest.vocabulary import (
    COMPOUND_SURNAMES,
    NAME_SUFFIXES,
    STOP_WORDS,
    SURNAMES,
    TITLES,
    WEAK_SUFFIXES,
    name_suffix,
    suffix_label,
)

_SUFFIX_AFTER = sorted((s for s in NAME_SUFFIXES if s not in WEAK_SUFFIXES), key=len, reverse=True)
_WEAK_AFTER = re.compile(r"(投资|控股)(?=领投|跟投|参投|、|等|和|及|与|[，,）)]|$)")
_PLACE_BRACKET = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)]")
_DESCRIPTOR = re.compile(r"(?:公司|企业|初创企业|初创公司|子公司|上市公司|独角兽|品牌|厂商)[「“\"『]?$")
_TITLE_EDGE = re.compile("^(?:" + "|".join(map(re.escape, TITLES)) + ")|(?:"
                         + "|".join(map(re.escape, TITLES)) + ")$")
_GENERIC_HEAD = re.compile(r"(?:公司|企业|集团公司)$")
_DEPARTMENT_END = re.compile(r"(?:中心|部|处|办|系|组|团队|事业群|事业部|办公室|委员会)$")


_NOT_AN_ORG = re.compile(r"^(?:科创|创业|新三|主)板$|^[\u4e00-\u9fff]{2,4}系(?!统)[\u4e00-\u9fff]{1,3}$")
"""A stock board (科创板), or an affiliation and a cut word (清华系具身): no organisation."""


def _opens_with_a_clause(name: str) -> bool:
    """外投资机器人公司: a locality character and a verb open the span, the tail of a clause."""
    words = tag_words(name)
    return len(words) >= 2 and len(words[0][0]) == 1 and words[0][1] == "f" and words[1][1] in {"v", "vn"}


def _suffix_at(sentence: str, pos: int) -> str:
    weak = _WEAK_AFTER.match(sentence, pos)
    return weak.group(1) if weak else next((s for s in _SUFFIX_AFTER if sentence.startswith(s, pos)), "")


def _person(name: str) -> bool:
    return (2 <= len(name) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in name)
            and (name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES) and name not in STOP_WORDS)


def model_mentions(sentence: str, offset: int, spans: list[Span]) -> list[Mention]:
    """Mentions of one Simplified sentence from its tagger spans (offsets in the article)."""
    found: list[Mention] = []
    k = 0
    while k < len(spans):
        sp = spans[k]
        start, end, tag = sp.start, sp.end, sp.tag
        # an organisation split by the tagger around a bracketed place: 启智（芜湖）智能…有限公司
        bracket = _PLACE_BRACKET.match(sentence, end)
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        split_by_place = bracket is not None and nxt is not None and nxt.start == bracket.end() \
            and nxt.tag == "ORG"
        # a name the tagger read in two (星河 + 动力科技): an ORG with a suffix right after it
        split_in_two = nxt is not None and nxt.start == end and nxt.tag == "ORG" \
            and tag in {"PER", "LOC", "nz"} and bool(name_suffix(sentence[nxt.start:nxt.end]))
        if nxt is not None and (split_by_place or split_in_two):
            end, tag = nxt.end, "ORG"
            k += 1
        suffix = _suffix_at(sentence, end)
        if suffix and tag in {"PER", "LOC", "nz", "ORG"} and not sentence.startswith(suffix + "长", end):
            end, tag = end + len(suffix), "ORG"
        k += 1
        name = sentence[start:end]
        if tag == "PER":
            if _person(name) and not _suffix_at(sentence, end):
                found.append(Mention(offset + start, offset + end, "Person", name, how="model:PER"))
            continue
        if tag == "LOC":
            if len(name) >= 2 and not is_generic(name):
                found.append(Mention(offset + start, offset + end, "Region", name, how="model:LOC"))
            continue
        if tag in {"nz", "nw"}:
            if not _DESCRIPTOR.search(sentence[max(0, start - 6):start]):
                continue
            tag = "ORG"
        edge = _TITLE_EDGE.search(name)
        while edge and len(name) > len(edge.group()) + 1:
            if edge.start() == 0:
                start += edge.end()
            else:
                end -= len(edge.group())
            name = sentence[start:end]
            edge = _TITLE_EDGE.search(name)
        if len(name) < 2 or is_generic(name) or _GENERIC_HEAD.search(name) and len(name) <= 6:
            continue
        if _NOT_AN_ORG.search(name) or _opens_with_a_clause(name):
            continue  # 科创板, 清华系具身, 外投资机器人公司: a board, an affiliation, a clause
        label = suffix_label(name)
        if label is None and _DEPARTMENT_END.search(name):
            continue  # 星海大学计划中心: a department, not a company
        label = label or "Company"
        found.append(Mention(offset + start, offset + end, label, name, how="model:ORG"))
    return found
