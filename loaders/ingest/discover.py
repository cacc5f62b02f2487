"""Discovery of entities the graph does not know yet, typed to ontology labels.

Rules, each general to Chinese news text:

* **suffix** — an organisation name ends in a typing suffix (科技 → Company, 大学 → University,
  研究院 → ResearchInstitute …); its left edge is found with jieba's part-of-speech tags over a
  short window (proper-noun-like tokens are kept, verbs, prepositions and particles stop it);
* **list** — ``A、B、C等企业``: the items of an enumeration closed by 等 and a head noun, typed by
  the head noun (企业 → Company, 高校 → University …) unless a suffix types them;
* **title** — ``<organisation><title><person>`` (某市某局局长张三): the person after a title
  (jieba ``nr`` or a known surname), and the organisation before it, typed by suffix or title;
* **bracket** — 《…》 names: reports (报告, 白皮书, 榜单) and policies (方案, 措施, 计划 …);
* **model** — ASCII product names with a digit or capitals after 发布/推出 (AB-01, Nova X).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.ingest.mentions import Mention
from loaders.ingest.names import (
    is_generic,
    left_edge,
    only_generic,
    starts_with_place,
    strip_lead,
)
from loaders.ingest.ner import Span
from loaders.ingest.segment import frequency, tag
from loaders.ingest.tagged import model_mentions
from loaders.ingest.vocabulary import (
    AFTER_NAME,
    BOUNDARY,
    COMPOUND_SURNAMES,
    DEPARTMENT_WORDS,
    EVENT_SUFFIXES,
    GENERIC,
    GOVERNMENT_SUFFIXES,
    HEAD_LABELS,
    INSTITUTIONS,
    MEDIA_WORDS,
    NAME_SUFFIXES,
    POLICY_WORDS,
    PRODUCT_LIKE,
    QUANTIFIED,
    RARE,
    REPORT_WORDS,
    STOP_WORDS,
    SURNAMES,
    TITLE_CHAIN,
    TITLES,
    TITLES_AFTER_NAMES,
    WEAK_SUFFIXES,
    name_suffix,
    suffix_hits,
    suffix_label,
)

_PERSON_AFTER = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(?=说|表示|认为|指出|介绍|坦言|透露|称|曾|在|也|"
                           r"等|和|与|的|接受|告诉|提到|谈到|强调|[，,、。；：:（(]|$)")
_QUOTED_ANY = re.compile(r"[“「『\"]([^“”「」『』\"，,。]{2,60})[”」』\"]")
_RELEASED = re.compile(r"(?:发布|推出|研发|亮相)[^，,。；]*$")
_CALLED = re.compile(r"(?:叫|叫做|名为|名叫|命名为|取名为?)$")
_ESTABLISHED = re.compile(r"(?:成立|设立|组建|筹建|发起)(?:了)?$")
_COPULA = re.compile(r"是一家[^，,。；]{0,24}?(" + "|".join(("企业", "公司", "机构", "高校", "大学",
                                                               "独角兽", "实验室")) + ")")
_FOUNDED_COMPANY = re.compile(r"(?:创立|创办|成立|创建)(?:了)?(?:一家)?"
                              r"(?:创业公司|初创公司|初创企业|新公司|公司)(?P<credit>)(?P<name>[^\s，,。；;、的（(“”]{2,12}?)(?=[，,。；;（(]|$)")
_REPORTER = re.compile(r"(?:接受|告诉)(?P<name>[^\s，,。；;、的“”]{2,10}?)(?:全媒体|融媒体)?记者"
                       r"|(?:图源|来源|图片来源)[:：]\s*(?P<credit>[^\s，,。；;、（(]{2,10}?)"
                       r"(?=官网|官方|网站|微博|公众号|[\s，,。；;、（(]|$)")
_AS = re.compile(r"身为|作为")
_LIST_RE = re.compile(
    r"((?:[^、，,。；;：:“”《》\s]{2,14}、)+[^、，,。；;：:“”《》\s]{2,14})等(?:[近超逾约]?[\d一二三四五六七八九十百多数余]+家)?"
    r"([^、，,。；;：:“”《》\s的]{0,14}?)(" + "|".join(sorted(HEAD_LABELS, key=len, reverse=True)) + ")")
_BARE_LIST_RE = re.compile(
    r"((?:[^、，,。；;：:“”《》\s]{2,14}、)+[^、，,。；;：:“”《》\s]{2,14})等(?=[。，,；;！？!?]|$)")
_HEAD_WORDS = re.compile("|".join(sorted(HEAD_LABELS, key=len, reverse=True)))
_BRACKET = re.compile(r"《([^《》]{2,90})》")
_MODEL = re.compile(r"(?:发布|推出|亮相|展示|研发|开源|放出|发表|上线)(?:了|的|出)?(?:新款|首款|新一代|最新)?"
                    r"(?:[\u4e00-\u9fff]{0,12}?)(?P<gap>[:：—\s]*)([a-z][a-z0-9\-+.]*(?:\s?[a-z0-9\-+.]+)?)")
_VERB_ENDS = frozenset("了出布源线表")
"""Last characters of the release verbs (and 了, 出) a name may follow directly."""
_PRODUCT_HEAD = re.compile(r"(?:产品|机器人|模型|系列|平台|芯片|机器狗)[:：—\s]*$")
_COMMON_ASCII = frozenset("ai app api sdk gpu cpu pc it ip ar vr xr 5g iot saas llm agi aigc".split())


_COMMON_WORD = 40  # jieba dictionary frequency of a word too common to end a name inside it


_SUFFIX_COMPOUNDS = ("资本市场", "资本运作", "资本开支", "资本圈", "科技股", "科技感", "科技圈", "基金经理",
                     "创投圈")
"""Common words that open with a typing suffix and that jieba's dictionary lacks (中国资本市场)."""


def _continues_word(suffix: str, following: str) -> bool:
    """True when the suffix and what follows it make one common word (大学生, 集团公司, 投资者,
    资本市场).

    Rare combinations (学院院长: a name and a title) do not count.
    """
    compound = (suffix + following[:2]).startswith(_SUFFIX_COMPOUNDS) and following[2:3] != "部"  # 市场部
    return compound or any(
        frequency(suffix + following[:k]) >= _COMMON_WORD for k in (1, 2) if len(following) >= k)


def by_suffix(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """Organisations whose names end in a typing suffix."""
    found: list[Mention] = []
    taken = {i for m in known for i in range(m.start, m.end)}
    known_ends = {m.end - offset for m in known if m.label != "Region"}
    for at, suffix in suffix_hits(sentence):
        end = at + len(suffix)
        if (offset + end - 1) in taken or (suffix in GOVERNMENT_SUFFIXES and sentence[end:end + 1] == "长"):
            continue
        if suffix in PRODUCT_LIKE and sentence[max(0, at - 2):at] in GENERIC:
            continue  # 人形机器人, 人工智能: decided without jieba
        if _continues_word(suffix, sentence[end:end + 3]):
            continue  # 大学生, 投资者: the suffix is not the end of a name
        if suffix in WEAK_SUFFIXES and suffix not in GOVERNMENT_SUFFIXES:
            continue
        start = left_edge(sentence, end, suffix, known_ends)
        if start is None:
            continue
        quoted = _QUOTED_BEFORE.search(sentence, 0, start)
        if quoted and NAME_SUFFIXES[suffix] not in {"Company", "Fund"}:
            start = quoted.start()  # 「十四五」规划评审委员会: a quoted word opens the name
        dated = NAME_SUFFIXES[suffix] in {"Event", "Award"}
        year = _YEAR_BEFORE.search(sentence, 0, start) if dated else None
        if year:  # 2025年某某大会: the edition's year is part of the name
            start = year.start()
        name = sentence[start:end]
        if suffix in GOVERNMENT_SUFFIXES and not starts_with_place(name):
            continue
        if is_generic(name) or QUANTIFIED.search(sentence, 0, start):
            continue  # 多个产业协会: a count makes the name a category
        if "公司" not in suffix and not re.search(r"[（(]", name) and _descriptive(name[:-len(suffix)]):
            continue  # 前瞻性科技, 整个科技: a description of the field, not a name
        inner = _GROUP_INSIDE.search(name)
        if NAME_SUFFIXES[suffix] == "Fund" and inner and len(name) - inner.end() >= len(suffix) + 2:
            start += inner.end()  # 某某集团某某资本: the group's fund is named after the group
            name = sentence[start:end]
        found.append(Mention(offset + start, offset + end, NAME_SUFFIXES[suffix], name,
                             how=f"suffix:{suffix}"))
    return _join_schools(sentence, offset, found, known)


def _descriptive(stem: str) -> bool:
    """True when what stands before a suffix describes rather than names: an adjective in 性, or
    opening with a pronoun, preposition, numeral, distinguishing or locality word (整个, 外…), or a
    verb in a long stem."""
    if not stem or stem.isascii():
        return False
    if stem.endswith("性") or "新一轮" in stem:
        return True
    first = tag(stem)[0][1]
    return first in {"r", "p", "m", "b", "f"} or (first == "v" and len(stem) >= 5)


def _is_parent(a: Mention, b: Mention) -> bool:
    """``a`` is a university or institute whose name opens ``b``'s (明德大学 in 明德大学…学院)."""
    return (a.label in INSTITUTIONS and b.label in INSTITUTIONS and a.start == b.start
            and a.end < b.end)


def _join_schools(sentence: str, offset: int, found: list[Mention], known: list[Mention]) -> list[Mention]:
    """A university (or institute) name followed closely by a school's name is one name (…大学…学院)."""
    out = [m for m in found if not any(_is_parent(a, m) for a in found)]
    out += [Mention(m.start, m.end, m.label, m.name, how=m.how, parent=a)
            for m in found for a in found if _is_parent(a, m)][:1]
    for a in found:
        for b in found + [k for k in known if k.start >= a.end]:
            gap = sentence[a.end - offset:b.start - offset]
            if (a.label in INSTITUTIONS and b.label in INSTITUTIONS and a.end <= b.start
                    and len(gap) <= 4 and not BOUNDARY.search(gap) and gap not in STOP_WORDS
                    and not any(w in STOP_WORDS for w, _ in tag(gap))):
                name = sentence[a.start - offset:b.end - offset]
                out.append(Mention(a.start, b.end, b.label, name, how=b.how, parent=a))
    return out


def by_copula(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """``X是一家…企业``: X is a company (an institution, a university) whatever its suffix."""
    found: list[Mention] = []
    known_ends = {m.end - offset for m in known}
    taken = {i - offset for m in known for i in range(m.start, m.end)}
    for m in _COPULA.finditer(sentence):
        end = m.start()
        if end - 1 in taken:
            continue
        start = left_edge(sentence, end, "", known_ends)
        if start is None:
            continue
        name = sentence[start:end]
        if 2 <= len(name) <= 12 and not is_generic(name):
            label = suffix_label(name) or HEAD_LABELS[m.group(1)]
            found.append(Mention(offset + start, offset + end, label, name, how="copula"))
    return found


def by_context(sentence: str, offset: int) -> list[Mention]:
    """Names fixed by their context: 成立（创业）公司X (a company), 接受X记者采访 (a media outlet)."""
    found: list[Mention] = []
    for pattern, label in ((_FOUNDED_COMPANY, "Company"), (_REPORTER, "Organization")):
        for m in pattern.finditer(sentence):
            group = "name" if m.group("name") else "credit"
            name = m.group(group)
            if 2 <= len(name) <= 12 and not is_generic(name):
                found.append(Mention(offset + m.start(group), offset + m.end(group), label, name,
                                     how="context"))
    return found


_APPOSED = re.compile(r"(?<![该本这那其此每某])(?<!一家)(?<!这家)(?<!那家)"
                     r"(企业|公司|初创企业|初创公司|创企|独角兽)"
                     r"(?P<name>[\u4e00-\u9fff]{2,6}?|[a-z][a-z0-9]{2,11})"
                     r"(?=宣布|完成|获得|近日|日前|昨天|昨日|今天|今日|正式|已经|已于|发布|推出|表示|称|"
                     r"接连|相继|先后|再度|再次|[（(]\d)")
"""A name right after its head noun and before what it does: 具身智能企业星河动力宣布…,
网络公司百度昨天宣布…, 上市公司某某（688000）公告….  The head noun must be described (not 该公司,
一家公司, 公司 opening the sentence), and the name must read as one: no verb, adverb or particle
opens it, no common word of time or place ends it."""
_APPOSED_QUOTED = re.compile(r"(?<![该本这那其此每某])(?<!一家)(?<!这家)(?<!那家)"
                            r"(企业|公司|初创企业|初创公司|创企|独角兽)[「“\"『](?P<name>[^「」“”\"『』，,。；、]{2,12})[」”\"』]")
"""具身智能公司「星河动力」夺得…: a quoted name right after a described head noun, whatever follows."""
_BAD_APPOSED = frozenset({"d", "p", "c", "u", "uj", "ul", "r", "t", "m", "q", "a", "ad", "an"})
_BAD_INSIDE = frozenset({"d", "p", "c", "u", "uj", "ul", "r", "t"})


def by_apposition(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """``<description>企业/公司 X 宣布|完成|…``: X is a company (its suffix may type it else)."""
    found: list[Mention] = []
    taken = {i - offset for m in known for i in range(m.start, m.end)}
    for m in [*_APPOSED.finditer(sentence), *_APPOSED_QUOTED.finditer(sentence)]:
        start, end = m.start("name"), m.end("name")
        if m.start() == 0 or not re.match(r"[\u4e00-\u9fffa-z]", sentence[m.start() - 1]) \
                or sentence.endswith(("有限", "股份", "责任", "集团", "分", "总"), 0, m.start()) \
                or any(i in taken for i in range(start, end)):
            continue  # 公司宣布…: an undescribed head is the article's own company; 有限公司正式…: a suffix
        name = m.group("name")
        tokens = tag(name)
        if _continues_word(m.group(1), name) or name in GENERIC or name in STOP_WORDS or only_generic(name) \
                or any(t in name for t in TITLES) or name in _COMMON_ASCII or name in _ASCII_TITLES \
                or any(w in STOP_WORDS for w, _ in tokens) or tokens[0][1] in _BAD_APPOSED | {"v", "vn"} \
                or any(f in _BAD_INSIDE for _, f in tokens[1:]):
            continue  # 企业家某某, 公司董事长某某, 公司旗下…: not a name after its head noun
        if m.re is _APPOSED_QUOTED and any(f == "v" and len(w) >= 2 and frequency(w) >= RARE
                                           for w, f in tokens):
            continue  # 公司“批量退出”: a slogan with a common verb, not a name (星动纪元 is one)
        found.append(Mention(offset + start, offset + end, suffix_label(name) or HEAD_LABELS.get(
            m.group(1), "Company"), name, how="apposition"))
    return found


def by_quotes(sentence: str, offset: int) -> list[Mention]:
    """Quoted names: ending in an event or organisation suffix (“…座谈会”), or released (发布…“X”)."""
    found: list[Mention] = []
    for m in _QUOTED_ANY.finditer(sentence):
        name = m.group(1)
        label = suffix_label(name)
        if label is None and any(sentence.startswith(s, m.end()) for s in EVENT_SUFFIXES):
            label = "Event"  # 「某某」论坛: the quoted part names the event
        before = sentence[max(0, m.start() - 30):m.start()]
        if label is None and len(name) <= 16 and _ESTABLISHED.search(before):
            label = "Organization"  # 成立「某某联盟SIG」
        elif label is None and len(name) <= 12 and (_RELEASED.search(before) or _CALLED.search(before)):
            label = "Product"
        established = label == "Organization" and _ESTABLISHED.search(before) is not None
        if label in {"Company", "Product", "Organization"} and not established and len(name) > 4 and any(
                f == "v" and frequency(w) >= RARE for w, f in tag(name)[1:]):
            continue  # “批量退出…公司”: a slogan with a verb, not a name
        if label == "Product" and only_generic(name[:2]):
            continue  # “人形机器人第一股”: a description
        if label is not None and not is_generic(name):
            found.append(Mention(offset + m.start(1), offset + m.end(1), label, name, how="quotes"))
    return found


def by_list(sentence: str, offset: int) -> list[Mention]:
    """Items of ``A、B、C等<head noun>`` enumerations, typed by suffix or by the head noun.

    A list closed by 等 alone (``例如A、B等。``) takes the head noun last named before it in the
    sentence (头部公司…); with none, only items whose suffix types them are kept.
    """
    found: list[Mention | None] = []
    if "等" not in sentence:
        return []
    lists = [(m, HEAD_LABELS[m.group(3)]) for m in _LIST_RE.finditer(sentence)]
    for m in _BARE_LIST_RE.finditer(sentence):
        # the head noun may sit in the introducing phrase the first item opens with (上市公司伙伴包括A、B等)
        opening = m.start(1) + strip_lead(m.group(1).split("、")[0])
        heads = _HEAD_WORDS.findall(sentence, 0, opening)
        lists.append((m, HEAD_LABELS[heads[-1]] if heads else ""))
    for m, head_label in lists:
        items = m.group(1).split("、")
        pos = m.start(1)
        for k, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            if k == 0:
                cut = strip_lead(item)
                start += cut
                item = item[cut:]
            if k == len(items) - 1:
                for joiner in ("以及", "和", "及", "与"):
                    if joiner in item:
                        cut = item.index(joiner)
                        left, right = item[:cut], item[cut + len(joiner):]
                        if 2 <= len(left) <= 10 and not is_generic(left):
                            found.append(_list_item(left, start, offset, head_label))
                        start, item = start + cut + len(joiner), right
                        break
            longest = 16 if suffix_label(item) else 10
            if 2 <= len(item) <= longest and not is_generic(item) and not item.isdigit():
                found.append(_list_item(item, start, offset, head_label))
    return [f for f in found if f is not None]


def _list_item(item: str, start: int, offset: int, head_label: str) -> Mention | None:
    label = suffix_label(item) or head_label
    if not label or item.endswith(_PARTY_ROLES):
        return None  # 某集团战略方: a party's role in the deal, not its name
    return Mention(offset + start, offset + start + len(item), label, item, how="list")


_PARTY_ROLES = ("战略方", "投资方", "资方", "合作方", "出资方", "产业方")


def by_title(sentence: str, offset: int, known: Iterable[Mention]) -> list[Mention]:
    """People named after a title, and the organisation named just before the title."""
    found: list[Mention] = []
    known_ends = {m.end - offset: m for m in known}
    previous_end = 0  # an organisation starts after the previous title and its person
    for m in TITLE_CHAIN.finditer(sentence):
        at = m.end()
        if sentence[at:at + 1] in {"，", ","} and _AS.search(sentence, max(0, m.start() - 30), m.start()):
            at += 1  # 身为某公司的创办人，王某…
        while sentence[at:at + 1] in {":", "：", " "}:
            at += 1
        person = _person_after(sentence, at)
        floor, previous_end = previous_end, (at + len(person) if person else m.end())
        if person is not None:
            found.append(Mention(offset + at, offset + at + len(person), "Person", person,
                                 how=f"title:{m.group()}"))
        if m.start() in known_ends:
            continue
        org_start = max(floor, m.start() - 16)
        for b in BOUNDARY.finditer(sentence, org_start, m.start()):
            org_start = b.end()
        org = sentence[org_start:m.start()]
        who = _PERSON_IS.match(org)
        if who and who.group(1)[0] in SURNAMES and not any(k.start - offset == org_start for k in known):
            # 张三为某大学教授: the person, then the organisation
            found.append(Mention(offset + org_start, offset + org_start + len(who.group(1)), "Person",
                                 who.group(1), how=f"title:{m.group()}"))
            org_start += who.end()
            org = org[who.end():]
        # 创新科技及工业局局长: a bureau named by its portfolios (X及Y局) is a name, verb or not
        bureau = suffix_label(org) == "Government" and 5 <= len(org) <= 14 \
            and re.search(r"[\u4e00-\u9fff]{2}[及和与][\u4e00-\u9fff]{2}", org) is not None
        cut = 0 if bureau else strip_lead(org, single_verbs=False)
        org_start += cut
        org = org[cut:].removesuffix("的")
        org_start, org = _after_appointing(org_start, org)
        if org[-1:] in {"和", "与", "及"} and len(org) >= 3:
            org = org[:-1]  # 某公司和创始人张三: the company and its founder
        if not 2 <= len(org) <= 16 or (is_generic(org) and not bureau) or re.search(r"\d|年|月|日", org) \
                or org.endswith(("担任", "出任", "兼任", "任")):
            continue  # 由张三担任总经理: a person and a verb before the title, not an organisation
        tokens = tag(org)
        named = bool(name_suffix(org)) and len(tokens[0][0]) >= 2 and tokens[0][0] not in STOP_WORDS
        if tokens and tokens[0][1] in {"v", "p", "c", "d", "r", "u", "uj"} and not (
                named and tokens[0][1] == "v"):
            continue  # a clause's verb, unless a suffix names the body (智能制造及工业局局长)
        if not name_suffix(org) and (tokens[-1][1] in _CLAUSE_FLAGS or org.endswith(DEPARTMENT_WORDS)
                                     or any(f.startswith("nr") for _, f in tokens)):
            continue  # …将直接向总裁, 某某事业群总经理: no organisation is named before the title
        if m.group() in TITLES_AFTER_NAMES and 2 <= len(org) <= 3 and org[0] in SURNAMES:
            found.append(Mention(offset + org_start, offset + org_start + len(org), "Person", org,
                                 how=f"title:{m.group()}"))  # 某某教授: a person before the title
            continue
        label = suffix_label(org) or _title_label(m.group())
        if label is None and any(f in {"nt", "nz", "j"} for _, f in tokens):
            label = "Organization"  # 某某委员会委员: a named body with no telling suffix
        if label is None:
            continue
        found.append(Mention(offset + org_start, offset + org_start + len(org), label, org,
                             how=f"title:{m.group()}"))
    return found


_APPOINTING = re.compile(r"(?:任命|接任|出任|担任|兼任|聘任|聘请|委任|接替|(?:则|将|直接|并|均|都)向)")
"""任命前某公司副总裁张三, 张三则向某集团CEO李四: the organisation starts after the verb."""
_FORMER = re.compile(r"^[前原](?![海湾子])")
"""前某公司副总裁: a former post; the organisation's name follows 前 (前海 is a place)."""
_SCOPE = re.compile(r"(?:全球|全国|大中华区|亚太区|中国区|代理|临时|新任|首任|候任)$")
"""某公司全球执行副总裁, 某公司代理董事长: the post's scope or standing, not part of the name."""


def _after_appointing(start: int, org: str) -> tuple[int, str]:
    """The organisation before a title without an appointing verb, 前/原 and the post's scope."""
    verbs = list(_APPOINTING.finditer(org))
    if verbs:
        start, org = start + verbs[-1].end(), org[verbs[-1].end():]
    former = _FORMER.match(org)
    if former and len(org) >= 3:
        start, org = start + 1, org[1:]
    scope = _SCOPE.search(org)
    if scope and scope.start() >= 2:
        org = org[:scope.start()]
    return start, org


def _title_label(title: str) -> str | None:
    if re.search(r"校长", title):
        return "University"
    if re.search(r"局长|厅长|市长|区长|部长", title):
        return "Government"
    if re.search(r"创始|创办|董事|ceo|cto|coo|首席|总经理|总裁|合伙人", title):
        return "Company"
    if re.search(r"记者|作者|主编|社长", title):
        return "Organization"
    return None


def _person_after(sentence: str, pos: int) -> str | None:
    while sentence[pos:pos + 1] in {":", "：", " "} and pos < len(sentence):
        pos += 1
    rest = sentence[pos:pos + 8]
    m = _PERSON_AFTER.match(rest)
    if m and m.group(1)[0] in SURNAMES:
        return m.group(1)
    if rest[:1] not in SURNAMES and rest[:2] not in COMPOUND_SURNAMES:
        return None  # a Chinese name opens with a surname; only then is jieba's HMM asked
    tokens = tag(rest[:5], hmm=True)
    if tokens and tokens[0][1] in {"nr", "nrfg", "nrt"} and 2 <= len(tokens[0][0]) <= 3:
        word = tokens[0][0]
        return word[:-1] if len(word) == 3 and word[-1] in AFTER_NAME else word
    return None


def by_bracket(sentence: str, offset: int) -> list[Mention]:
    """《…》 names of reports, policies and media."""
    found: list[Mention] = []
    for m in _BRACKET.finditer(sentence):
        name = re.sub(r"\s+", "", m.group(1))
        label = None
        if name.endswith(MEDIA_WORDS):
            label = "Organization"
        elif any(w in name[-6:] for w in REPORT_WORDS):
            label = "Report"
        elif any(w in name for w in POLICY_WORDS):
            label = "Policy"
        if label:
            found.append(Mention(offset + m.start(1), offset + m.end(1), label, m.group(1), how="bracket"))
    return found


_PRODUCT_AFTER_ORG = re.compile(r"(?:的|旗下|推出的|发布的)?"
                                r"(?:[\u4e00-\u9fff]{0,10}?(?:机器人|模型|产品|系列|平台|芯片))?[:：]?\s?([a-z][a-z0-9]*(?:[\-.][a-z0-9]+)*(?:\s[0-9][a-z0-9.]*)?(?:系列)?)(?![a-z0-9])")
_VERSIONED = re.compile(r"(?:发布|推出|开源|上线|亮相)(?:了)?(?:全新的|最新的|最新一代|新一代|新款|首款)?"
                        r"(?:[\u4e00-\u9fff]{0,8}?(?:模型|机器人|产品)[:：]?)?([\u4e00-\u9fff]{2,6}\d+(?:\.\d+)?)"
                        r"(?![a-z0-9.\-])")  # 5g-a: the digit opens a word, not a version
_PRODUCT_LIST = re.compile(r"(?:推出|发布|开源)(?:了)?((?:[a-z][a-z0-9\-]*、)+[a-z][a-z0-9\-]*)等"
                           r"|(?:推出|发布|开源)(?:了)?((?:[\u4e00-\u9fffa-z0-9]{2,8}、)+[\u4e00-\u9fffa-z0-9]{2,8})"
                           r"(?=[两三四五六七八九十\d](?:大|款|个|种)(?:系列)?(?:产品|机器人|模型))")
"""推出A、B、C等 (ASCII models), 推出甲、乙、丙三大系列产品 (a counted product head closes the list)."""


_PERSON_IS = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(?:为|是|系|现任|曾任)(?=[\u4e00-\u9fff]{2})")
"""张三为某大学教授: a person and a copula before the organisation of a title."""
_CLAUSE_FLAGS = frozenset({"p", "c", "d", "r"})
"""A preposition, conjunction, adverb or pronoun ends a clause, not an organisation's name."""
_QUOTED_BEFORE = re.compile(r"[“「][^“”「」，,。]{1,8}[”」]$")
_YEAR_BEFORE = re.compile(r"(?<!\d)\d{4}\s?(?:年度?)?$")
_GROUP_INSIDE = re.compile(r"集团(?:旗下|下属)?")
_ASCII_TITLES = frozenset(t.lower() for t in TITLES if t.isascii())
_VERSION = re.compile(r"\d+(?:\.\d+)*(?![\d.])|[a-z]?\d+[a-z]?(?![a-z0-9])")
_CLAUSE_START = r"(?:^[-–—•·]?\s*|[，,。；;：:]\s*|\s[-–—•·]\s*)"
"""A clause's start: after punctuation, or a bullet (`` - ``) in a list pasted as one line."""
_ROUND_AFTER_NAME = re.compile(_CLAUSE_START + r"([\u4e00-\u9fff]{2,6}?)(?:pre-?)?(?:[a-e]|天使|种子)\+*轮"
                               r"[^，,。；]{0,12}?融资")
"""星图智航A轮突破十亿融资: a name right before its round."""
_ROUND_SUBJECT = re.compile(_CLAUSE_START + r"(?:[\u4e00-\u9fff]{2,12}?(?:企业|公司|初创企业|独角兽))?"
                            r"[「“\"]?([\u4e00-\u9fff]{2,8}?)[」”\"]?\s?(?:[a-z][a-z0-9 ]*?)?\s?"
                            r"(?:近日|日前|今日|近期|此前|已经|已|正式|也|还|又|再度|再次|再|宣布|亦|先后|连续|成功|顺利|刚刚)*"
                            r"(?:完成|获得|拿下|斩获|以(?=[近超约逾]?\d[\d.]*[亿万]))[^，,。；]{0,24}?融资")
_THIS_ROUND_SUBJECT = re.compile(_CLAUSE_START + r"([\u4e00-\u9fff]{2,8}?)(?:的)?(?:这|本|此|该)轮融资(?=由)")
"""某某这轮融资由A、B联合投资: the company whose round it is opens the clause."""
_LED_BY = re.compile(r"由([\u4e00-\u9fff]{2,6}?)(?:独家|联合)?(?:领投|跟投)"
                     r"|[，,]\s*([\u4e00-\u9fff]{2,6}?)(?:为|作为)(?:本轮|此轮)?(?:的)?(?:领投方|跟投方)")
"""A+轮由某某领投, …，某某为跟投方: whoever stands there invested (a fund, unless its suffix says
else). The role fixes the name, so a brand that is also a common word (知乎) is one here."""
_ASCII_INVESTOR = re.compile(r"(?:旗下|、|由)\s?([a-z][a-z0-9]*(?:\s[a-z0-9]+){0,3})\s?"
                             r"(?=领投|跟投|参投|、|等)")


def by_role(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """Names fixed by their role: the company opening a clause that raised a round (X完成A轮融资),
    an ASCII name before 领投/跟投 (…旗下Blue Ridge Ventures领投)."""
    found: list[Mention] = []
    taken = {i - offset for m in known for i in range(m.start, m.end)}
    for m in [*_ROUND_SUBJECT.finditer(sentence), *_ROUND_AFTER_NAME.finditer(sentence),
              *_THIS_ROUND_SUBJECT.finditer(sentence)]:
        name = m.group(1)
        tokens = tag(name)
        named = suffix_label(name) == "Company"  # 某某进化科技: a company suffix, whatever the verbs before
        if m.start(1) in taken or is_generic(name) or name in STOP_WORDS \
                or tokens[0][1] in {"t", "r", "d", "p"} or len(tokens) == 1 and tokens[0][1] == "v" \
                or any(f in {"p", "c", "u", "uj"} for _, f in tokens[1:]) \
                or any(f in {"t", "m"} or f == "v" and frequency(w) >= RARE and not named
                       for w, f in tokens[1:]):
            continue  # 半年累计完成…融资: a time and a verb, not a company
        found.append(Mention(offset + m.start(1), offset + m.end(1), suffix_label(name) or "Company", name,
                             how="role"))
    for m in _LED_BY.finditer(sentence):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        tokens = tag(name)
        if m.start(group) in taken or name in GENERIC or only_generic(name) \
                or any(w in STOP_WORDS for w, _ in tokens) \
                or re.search(r"[和与及、]|本轮|该轮|此轮|股东|机构|投资方|资方|产业方|投资人", name) \
                or tokens[0][1] in {"t", "r", "d", "p", "m", "v"}:
            continue
        found.append(Mention(offset + m.start(group), offset + m.end(group), suffix_label(name) or "Fund",
                             name, how="role"))
    for m in _ASCII_INVESTOR.finditer(sentence):
        if m.start(1) not in taken:
            found.append(Mention(offset + m.start(1), offset + m.end(1), "Fund", m.group(1), how="role"))
    return found


def by_product(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """Products: an ASCII model right after an organisation (华光科技HG-7, 北辰动力N2), a
    versioned name after a release verb (开源了星图3.5), or a 、-list of models after one."""
    found: list[Mention] = []
    taken = {i - offset for m in known for i in range(m.start, m.end)}
    for org in known:
        if org.label not in {"Company", "ResearchInstitute", "InnovationCenter", "University"}:
            continue
        m = _PRODUCT_AFTER_ORG.match(sentence, org.end - offset)
        if m and m.group(1) in _ASCII_TITLES:
            continue  # 某公司CTO: a title, not a model
        model = m.group(1) if m else ""
        if m and (any(c.isdigit() for c in model) or model.endswith("系列") or len(model) >= 3):
            found.append(Mention(offset + m.start(1), offset + m.end(1), "Product", model, how="product"))
    for k in known:
        version = _VERSION.match(sentence, k.end - offset) if k.label == "Product" else None
        if version:  # 某模型3: a later version is a product of its own
            found.append(Mention(k.start, k.end + version.end() - version.start(), "Product",
                                 k.name + version.group(), how="product"))
    for m in _VERSIONED.finditer(sentence):
        if m.start(1) not in taken and not is_generic(re.sub(r"[\d.]+$", "", m.group(1))):
            found.append(Mention(offset + m.start(1), offset + m.end(1), "Product", m.group(1),
                                 how="product"))
    for m in _PRODUCT_LIST.finditer(sentence):
        group = 1 if m.group(1) else 2
        at = m.start(group)
        for item in m.group(group).split("、"):
            found.append(Mention(offset + at, offset + at + len(item), "Product", item, how="list"))
            at += len(item) + 1
    return found


def by_model(sentence: str, offset: int) -> list[Mention]:
    """ASCII model names (with a digit or two or more letters) after a release verb."""
    found: list[Mention] = []
    for m in _MODEL.finditer(sentence):
        name = m.group(2).strip().rstrip(".")
        # a product word before it (首款产品——X), or the name right after the verb (推出X)
        headed = bool(_PRODUCT_HEAD.search(sentence, 0, m.start(2))) or (
            not m.group("gap") and sentence[m.start(2) - 1:m.start(2)] in _VERB_ENDS)
        if name in _COMMON_ASCII or name in _ASCII_TITLES or len(name) < 2:
            continue
        if any(c.isdigit() for c in name) or " " in name or (headed and len(name) >= 4):
            found.append(Mention(offset + m.start(2), offset + m.start(2) + len(name), "Product", name,
                                 how="model"))
    return found


def discover(sentence: str, offset: int, known: list[Mention],
             spans: list[Span] | None = None) -> list[Mention]:
    """Every discovery rule over one Simplified sentence starting at ``offset`` of the article.

    ``spans`` are the statistical tagger's spans of the sentence (none on the rules-only path).
    """
    # each rule runs only where its cue is (a plain substring test is cheaper than its pattern)
    found = by_list(sentence, offset) if "等" in sentence else []
    if "《" in sentence:
        found += by_bracket(sentence, offset)
    if _RELEASE_CUE.search(sentence):
        found += by_model(sentence, offset)
    found += by_product(sentence, offset, known)
    if "融资" in sentence or "投" in sentence:
        found += by_role(sentence, offset, known)
    if spans:
        found += model_mentions(sentence, offset, spans)
    if _QUOTE_CUE.search(sentence):
        found += by_quotes(sentence, offset)
    if "是一家" in sentence:
        found += by_copula(sentence, offset, known)
    if _CONTEXT_CUE.search(sentence):
        found += by_context(sentence, offset)
    if _APPOSITION_CUE.search(sentence):
        found += by_apposition(sentence, offset, known)
    found += by_suffix(sentence, offset, known)
    found += by_title(sentence, offset, known)
    return found + _legal_names(found)


_LEGAL = ("有限公司", "有限责任公司", "股份有限公司")
_NAME_PARTS = frozenset({"Company", "Fund", "Organization", "Region"})


def _legal_names(found: list[Mention]) -> list[Mention]:
    """A legal name read in two touching pieces (某某 + 某某科技有限公司): one name, the whole.

    Nothing stands between a legal name's parts, and nothing but a name stands right before
    ``…有限公司`` without punctuation, so the two pieces are one organisation.
    """
    pieces = [m for m in found if m.label in _NAME_PARTS and not m.name.isascii()]
    out = []
    for b in found:
        if b.label != "Company" or not b.name.endswith(_LEGAL):
            continue
        # touching, or overlapping by a character or two (东方元 + 元启…有限公司)
        a = next((a for a in pieces if a.start < b.start <= a.end <= b.start + 2), None)
        if a is not None and b.end - a.start <= 30:
            out.append(Mention(a.start, b.end, b.label, a.name + b.name[a.end - b.start:], how=b.how))
    return out


_RELEASE_CUE = re.compile(r"发布|推出|亮相|展示|研发|开源")
_QUOTE_CUE = re.compile(r"[“「『\"]")
_CONTEXT_CUE = re.compile(r"创立|创办|成立|创建|记者|来源|图源")
_APPOSITION_CUE = re.compile(r"企业|公司|创企|独角兽")
