"""Patterns for how organisations hang together: 隶属, 位于, 设立, 交付, 研发.

* 隶属 — ``A旗下(的)B``, ``B（A旗下）``, ``A(的)(北京)子公司B``, ``B隶属于A``;
* 位于 — ``B位于/总部位于/落户X``, ``X(的)…公司B`` (a place qualifying a company descriptor);
* 设立 — an organisation (or place) ``设立/成立/组建/发起设立/开发建设`` another; partners joined
  by 联合/与/及/携手 before the verb all count; ``B由A开发建设``; a person doing so is 创立;
* 交付 — ``向X交付``, ``交付给X``, ``送进/导入/进入X(…工厂/产线)``;
* 研发 — ``A研发/研制/开发(了)B``, ``B由A(与C)联合研制``, and a product named right after its
  maker (``华光科技HG-7``), at a lower confidence.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import TYPE_CHECKING

from loaders.ingest.mentions import Mention
from loaders.ingest.text import clause_bounds

if TYPE_CHECKING:
    from loaders.ingest.relations import SentenceExtractor

ORGS = frozenset({"Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
                  "Organization", "Fund"})
_MAKERS = frozenset({"Company", "ResearchInstitute", "InnovationCenter", "University"})
_UNDER = re.compile(r"旗下(?:的)?")
_ACTING = re.compile(r"领投|跟投|参投|投资|入股|收购|并购|推出|发布|合作|签约|签署|联合|共同|携手|[与和及、]")
"""A verb or a second party between 旗下 and the name after it: not A旗下B."""
_UNDER_BRACKET = re.compile(r"[（(]([^（）()]{2,20}?)旗下[）)]")
_SUBSIDIARY = re.compile(r"[」”\"』]?(?:的)?(?:[\u4e00-\u9fff]{2,3})?(?:全资|控股)?子公司[「“\"『]?")
_PART_OF = re.compile(r"隶属于|隶属|归属于")
_LOCATED = re.compile(r"(?:总部|总部位于|位于|坐落于|落户|地处)(?:在|于)?")
_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{0,6}?的")
_PLACE_DESCRIPTOR = re.compile(r"(?:的)?[^，,。；、「」“”（）()\d]{0,10}?(?:公司|企业|子公司|初创企业|独角兽)"
                               r"[「“\"『]?$")
_SET_UP = re.compile(r"(?:合作|共同|联合|发起|投资|牵头)?(?:设立|成立|组建|筹建|创设|开发建设|建立)(?:了)?")
_JOINT = re.compile(r"联合|携手|与|和|及|、|会同|协同|同")
_BOTH = re.compile(r"双方|两家公司|两家企业|三方")
_DELIVER = re.compile(r"交付给|交付|送进|送入|导入|进驻|进入")
_DEVELOP = re.compile(r"(?:联合|共同|自主|独立)?(?:研发|研制|开发|打造|设计研发)(?:出|了)?")
_MAKER_GAP = re.compile(r"(?:的|旗下的?)?(?:(?:(?!推出|发布|研发|开发|打造|亮相|展示|带来|获得|携|与|和)"
                        r"[\u4e00-\u9fff]){0,10}(?:机器人|模型|产品|系列|平台|芯片))?[:：]?\s?")
_SUBJECT_OF_DEVELOP = re.compile(r"由(.{2,40}?)(?:联合|共同)?(?:研发|研制|开发|打造)")
_DEVELOPED_BY = re.compile(r"是(.{2,40}?)(?:设计|自主|独立|联合|共同)?(?:研发|研制|开发|打造|设计)的")


def part_of(ex: SentenceExtractor) -> None:
    """隶属: A旗下B, B（A旗下）, A子公司B, B隶属于A."""
    s = ex.s
    for m in _UNDER.finditer(s):
        parent = ex.run_before(m.start(), clause_bounds(s, m.start())[0], ORGS, max_gap=0)
        child = ex.run_after(m.end(), clause_bounds(s, m.end())[1], ORGS, max_gap=12)
        if child and _ACTING.search(s, m.end(), ex.rel(child[0])[0]):
            continue  # A旗下基金领投了B: B is what A's unit did something to, not A's unit
        for a in parent[-1:]:
            for b in child:
                ex.emit("隶属", b, a, m, 0.75)
    for m in _UNDER_BRACKET.finditer(s):
        child = ex.run_before(m.start(), clause_bounds(s, m.start())[0], ORGS, max_gap=0)
        parent = ex.between(m.start(1), m.end(1), ORGS)
        for a in parent[-1:]:
            for b in child[-1:]:
                ex.emit("隶属", b, a, "旗下", 0.8)
    for parent_m in ex.mentions:
        if parent_m.label not in ORGS:
            continue
        at = ex.rel(parent_m)[1]
        sub = _SUBSIDIARY.match(s, at)
        if sub:
            child = ex.run_after(sub.end(), clause_bounds(s, sub.end())[1], ORGS, max_gap=0)
            for b in child[:1]:
                ex.emit("隶属", b, parent_m, "子公司", 0.8)
    for m in _PART_OF.finditer(s):
        child = ex.run_before(m.start(), clause_bounds(s, m.start())[0], ORGS, max_gap=4)
        parent = ex.run_after(m.end(), clause_bounds(s, m.end())[1], ORGS, max_gap=2)
        for a in parent[:1]:
            for b in child[-1:]:
                ex.emit("隶属", b, a, m, 0.8)


def located(ex: SentenceExtractor) -> None:
    """位于: B位于X, X(的)…公司B."""
    from loaders.ingest.relations import sources_of

    s = ex.s
    things = sources_of("位于")
    for m in _LOCATED.finditer(s):
        cs, ce = clause_bounds(s, m.start())
        places = [p for p in ex.run_after(m.end(), ce, frozenset({"Region"}), max_gap=2)]
        attributive = _ATTRIBUTIVE.match(s, ex.rel(places[-1])[1]) if places else None
        if attributive:  # 探访位于X的Y: Y is in X, whatever stands before 位于
            subject = ex.run_after(attributive.end(), ce, things, max_gap=12)[:1]
            for p in places[-1:]:
                for a in subject:
                    ex.emit("位于", a, p, m, 0.75)
            continue
        subject = ex.run_before(m.start(), cs, things, max_gap=6)
        if not subject and cs == 0:
            subject = [x for x in ex.between(0, m.start(), things)][-1:]
        elif not subject and m.group().startswith("总部") and not s[cs:m.start()].strip():
            # X成立于…，由…创立，总部位于Y: the company the sentence opens with
            subject = [x for x in ex.mentions if ex.rel(x)[0] <= 1 and x.label in ORGS][:1]
        for a in subject[-1:]:
            for p in places[:1]:
                ex.emit("位于", a, p, m, 0.8)
    for place in ex.mentions:
        if place.label != "Region":
            continue
        end = ex.rel(place)[1]
        company = next((x for x in ex.mentions if x.label in ORGS and 0 <= ex.rel(x)[0] - end <= 14
                        and _PLACE_DESCRIPTOR.match(s[end:ex.rel(x)[0]])), None)
        if company is not None and not ex.between(end, ex.rel(company)[0], ORGS | {"Region"}):
            # the place nearest the descriptor (上海18日电）中国…公司X: not 上海, a dateline)
            ex.emit("位于", company, place, "位于", 0.7)


def set_up(ex: SentenceExtractor) -> None:
    """设立 by organisations and places, 创立 by people, with every partner joined before the verb."""
    from loaders.ingest.relations import sources_of, targets_of

    s = ex.s
    from loaders.ingest.relations import LEAD

    agents_labels = sources_of("设立") | {"Person"}
    targets = targets_of("设立")
    led = {i for lead in LEAD.finditer(s) for i in range(lead.start(), lead.end())}
    for m in _SET_UP.finditer(s):
        if s.startswith("于", m.end()) or s.startswith("以来", m.end()) or m.start() in led \
                or m.end() - 1 in led:
            continue  # 成立于2023年, 成立以来: a date; 牵头组建: 牵头
        cs, ce = clause_bounds(s, m.start())
        by = s.rfind("由", cs, m.start())
        floor = by + 1 if by >= 0 else cs
        agents = _partners(ex, floor, m.start(), agents_labels) or ex.subject_before(cs, m.start(),
                                                                                  agents_labels)
        if not agents and ex.partners and _BOTH.search(s, cs, m.start()):
            agents = ex.partners  # 双方共同设立X: the parties of the agreement just stated
        objects = ex.run_after(m.end(), ce, targets, max_gap=16)
        if not objects and by >= 0:
            objects = ex.run_before(by, 0, targets, max_gap=6)[-1:]
        if not objects and ce < len(s) and s[ce] in "，," and not s[m.end():ce].strip():
            objects = ex.run_after(ce + 1, clause_bounds(s, ce + 1)[1], targets, max_gap=4)[:1]
        for a in agents:
            for o in objects[:1]:
                if a.label == "Person":
                    ex.emit("创立", a, o, m, 0.75, date=ex.date_at(m.start()))
                else:
                    ex.emit("设立", a, o, m, 0.75, date=ex.date_at(m.start()))


def _partners(ex: SentenceExtractor, floor: int, pos: int, labels: frozenset[str]) -> list[Mention]:
    """The run of agents before the verb, and the partners joined to it by 联合/与/及/携手 in the clause."""
    run = ex.run_before(pos, floor, labels, max_gap=20)
    if not run:
        return []
    out = list(run)
    first = ex.rel(run[0])[0]
    while True:
        before = [m for m in ex.between(floor, first) if m.label in labels]
        if not before:
            break
        gap = ex.s[ex.rel(before[-1])[1]:first]
        if not (_JOINT.search(gap) and len(gap) <= 12):
            break
        head = ex.run_before(first - len(gap) + 1, floor, labels, max_gap=0) or before[-1:]
        out = [*head, *out]
        first = ex.rel(head[0])[0]
    return out


def deliver(ex: SentenceExtractor) -> None:
    """交付: A交付给X, A向X交付, A送进X…工厂."""
    from loaders.ingest.relations import sources_of, targets_of

    s = ex.s
    makers, customers = sources_of("交付"), targets_of("交付")
    for m in _DELIVER.finditer(s):
        cs, ce = clause_bounds(s, m.start())
        agents = ex.run_before(m.start(), cs, makers, max_gap=24)
        objects: list[Mention] = []
        to = s.rfind("向", cs, m.start())
        if to >= 0 and m.group() == "交付":
            objects = ex.run_after(to + 1, m.start(), customers, max_gap=0)
            agents = ex.run_before(to, cs, makers, max_gap=12)
        if not objects:
            objects = ex.run_after(m.end(), ce, customers, max_gap=6)
        if m.group() in {"进入", "进驻"} and not re.search(r"工厂|产线|车间|门店|营业厅", s[m.end():ce]):
            continue
        if not agents and ex.topic is not None and m.group() != "进入":
            agents = [ex.topic]
        for a in agents[-1:]:
            for o in objects:
                ex.emit("交付", a, o, m, 0.75, date=ex.date_at(m.start()))


def develop(ex: SentenceExtractor) -> None:
    """研发: A研发了B, B由A与C联合研制, A的产品B; a product right after its maker."""
    from loaders.ingest.relations import sources_of

    s = ex.s
    makers = sources_of("研发")
    products = frozenset({"Product"})
    for m in _SUBJECT_OF_DEVELOP.finditer(s):
        cs, _ = clause_bounds(s, m.start())
        product = ex.run_before(m.start(), 0, products, max_gap=12)[-1:]
        partners = ex.between(m.start(1), m.end(1), makers)
        for a in partners:
            for p in product:
                ex.emit("研发", a, p, m.group()[-2:], 0.8, date=ex.date_at(m.start()))
        if product and re.search(r"[与和及、]", m.group(1)):  # developed together: partners
            for a, b in combinations(partners, 2):
                ex.emit("合作", a, b, m.group()[-2:], 0.7, date=ex.date_at(m.start()))
    for p in ex.mentions:  # P是A…研发的(成果)
        if p.label != "Product":
            continue
        by = _DEVELOPED_BY.match(s, ex.rel(p)[1])
        for a in ex.between(by.start(1), by.end(1), makers)[:1] if by else []:
            ex.emit("研发", a, p, "研发", 0.75, date=ex.date_at(by.start()) if by else None)
    for m in _DEVELOP.finditer(s):
        if s.rfind("由", clause_bounds(s, m.start())[0], m.start()) >= 0 or s.startswith("的", m.end()):
            continue
        cs, ce = clause_bounds(s, m.start())
        agents = ex.run_before(m.start(), cs, makers, max_gap=12) or ex.subject_before(cs, m.start(), makers)
        for a in agents:
            for p in ex.run_after(m.end(), ce, products, max_gap=14):
                ex.emit("研发", a, p, m, 0.75, date=ex.date_at(m.start()))
    for p in ex.mentions:
        if p.label != "Product":
            continue
        ps = ex.rel(p)[0]
        maker = next((x for x in ex.mentions if x.label in _MAKERS
                      and 0 <= ps - ex.rel(x)[1] <= 14 and _MAKER_GAP.fullmatch(s[ex.rel(x)[1]:ps])), None)
        released = any(st.type == "发布" and st.target is p and (st.source.entity or st.source.name)
                       == (maker.entity or maker.name) for st in ex.out) if maker is not None else False
        if maker is not None and not released and not ex.between(ex.rel(maker)[1], ps, ORGS):
            # (A推出…产品——A某某: a release, which states 发布 only, not its development)
            ex.emit("研发", maker, p, "的", 0.65)
