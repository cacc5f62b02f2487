"""Financing patterns: rounds (named or not), their investors in the sentence or the next, direct stakes.

* a **round** is a named round (``B轮``, ``天使+轮``, ``Pre-A 轮``) before 融资/投资, or an unnamed
  one (``完成近5亿元融资``, ``新一轮融资``); it is raised by the nearest company before it;
* its **investors** are named by 领投/跟投 (``由A领投，B、C跟投``) or by a list
  (``投资方包括A、B等``, ``本轮融资吸引了…，包括A、B``), in the round's sentence or in the next
  one (the round is carried over one sentence, and is then marked as such);
* a **direct stake** (``直接投资了A、B``, ``战略入股A``, ``获A、B入股``, ``对A进行了两轮投资``) is 投资
  from the investor to the company itself.

A Region is never an investor nor the party raising money.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.ingest.mentions import Mention
from loaders.ingest.qualifiers import AMOUNT_RE, ROUND_RE, normalise_round, parse_amount
from loaders.ingest.text import clause_bounds

if TYPE_CHECKING:
    from loaders.ingest.relations import Round, SentenceExtractor

UNNAMED = "新一轮"
_FINANCE_WORD = re.compile(r"融资|投资|募资|募集")
_NOT_A_ROUND = re.compile(r"融资(?:事件|总额|额|规模|金额|环境|难|领域|市场|热|潮|节奏|进展缓慢|速度|"
                          r"能力|渠道|信息|消息|计划|需求|成本|方式|模式|情况|历程|经验|服务|租赁|担保|平台|跟不上)")
_RAISED = re.compile(r"(?:完成|获得|(?<![收捕俘])获|拿下|斩获|宣布|披露|迎来|敲定"
                     r"|以(?=[近超约逾]?\d[\d.]*[亿万]))")
"""…以8亿元天使轮融资刷新纪录: 以 and an amount raise a round too."""
_TWO_ROUNDS = re.compile(r"([a-e][1-9]?\+*)及([a-e][1-9]?\+*)\s?轮$", re.IGNORECASE)
"""A4及A5轮: two rounds named in one."""
_LISTED_RAISERS = re.compile(r"等(?:[多数几]|[二两三四五六七八九十\d]+)家"
                             r"(?:[\u4e00-\u9fff]{0,6}?)(?:企业|公司)"
                             r"(?:也|均|都|先后|相继|陆续|纷纷)*(?:宣布)?(?:完成|获得)")
"""A、B、C等多家企业宣布完成新一轮融资: each company of the list raised a round."""
_LATER_FINANCE = re.compile(r"[^，,。；轮]{0,12}?融资")
"""A轮突破十亿融资: the round and its 融资 a few characters apart."""
_COUNTED_ROUNDS = re.compile(r"(?:完成|获得)(?:了)?(?:连续)?[两三四五六七八九十\d]轮融资")
_INVESTED_BY = re.compile(r"由[^，,。；]{2,30}?(?:联合)?(?:领投|跟投|投资|参投)的?$")
_ANAPHORA = re.compile(r"[，,]\s*(?:该公司|公司|其|该企业)")
"""X公告，公司拟配售…: the company named again as 公司."""
_BEFORE_VERB = re.compile(r"(?:[\sa-z\d）)”」』\"年月日号底初旬上下半今去明前此已也均亦再又还都并将正式成功"
                          r"顺利连续先后在于内近期日前宣布刚再度次首公司分别]|被曝|确认|据悉|本周|上周|本月|该公司|随后|接连|相继|陆续|"
                          r"此后|之后|目前|现已|已经|昨日|今日|日前)*")
"""What may stand between a company and its raise verb: dates, adverbs, its English name, a bracket."""
_SUBJECTLESS = re.compile(r"^[\s\d年月日号底初中旬上下半今去明前此其该并且还又再已也均近期日前随后同时]*$")
_ONE_ROUND = re.compile(r"(?<![一二两三四五六七八九十\d])一轮的?$")
"""完成了数亿元的一轮融资: one unnamed round, not a count of rounds."""
_ROUNDS_COUNTED = re.compile(r"(?:[一二两三四五六七八九十\d]+|多)[轮次]")
INVEST = re.compile(r"联合领投|领投|跟投|参投|独家投资|联合投资|共同投资|超额认购")
_LIST = re.compile(r"(?:投资方|投资人|投资机构|资方|出资方|战略投资人|产业投资人|战略产业投资人|"
                   r"财务投资人|股东|投资者|参投方|机构)(?:阵容|名单)?(?:还|也|则|均|分别)?(?:包括|包含|涵盖|有|为|是)[了:：]?")
_JOINED_IN = re.compile(r"(?<=[等])(?:[多数几]家|[一二两三四五六七八九十\d]+家)?(?:机构|资本|投资方|股东)?"
                        r"(?:也|均|共同|深度|积极)?(?:参与|参投)(?:了)?(?:本轮|此轮|投资)?")
_INCLUDES = re.compile(r"包括[了:：]?")
_NOT_INVESTORS = re.compile(r"(?:客户|用户|合作伙伴|伙伴|合作方|产品|应用|场景|领域|业务|成员|团队|"
                            r"品牌|供应商)[^，,。；]{0,4}$")
"""…完成A轮融资，客户包括A、B: what 包括 lists there are not the round's investors."""
_THIS_ROUND = re.compile(r"本轮|此轮|该轮|这轮|本次融资|此次融资")
_RAISED_MONEY = re.compile(r"(?:获得|(?<![收捕俘])获|拿下|斩获|迎来|完成(?=[^，,。；]{0,16}募资))(?:了)?"
                           r"(?:(?:[近超约逾]|超过)?[\d.]+[亿万]+(?:元人民币|人民币|元|港元|美元)(?:的)?(?:战略)?|新一轮)"
                           r"(?P<word>投资|募资)(?![人方者机])")
"""获得5亿元投资 (an amount makes it a round, not an investor's stake), 完成新一轮募资; not 完成5亿元投资
(money spent on a project)."""
_AS_HOLDER = re.compile(r"(?:作为|以)[^，,。；]{0,8}?(?:股东|投资方|投资人|投资者)(?:身份)?"
                        r"(?:持续|继续|再次|再度|也|均|还)*")
"""…作为老股东继续跟投: what may stand between an investor and 跟投."""
_THIS_ROUND_OF = re.compile(r"(?:这|本|此|该)(?:一)?轮融资(?=由|的投资方|投资方)")
"""某公司这轮融资由A、B联合投资: the company's round, when no sentence before stated one."""
_DIRECT = re.compile(r"直接投资了|直接投资|战略投资了|战略入股|入股了|入股|参股|投资了|领投了|跟投了|参投了")
_PASSIVE_STAKE = re.compile(r"获(?:得)?([^，,。；]{2,60}?)(?:的)?(?:入股|投资|注资|增资)")
_HOLDS = re.compile(r"(持有|持股|获得|取得|受让|收购)(?:了)?(?P<what>[^，,。；%]{2,30}?)(?:约|近|超过|超|逾)?"
                    r"\d+(?:\.\d+)?\s?%(?:的)?(?:股份|股权)")
"""A持有B 12%的股份: a stake in B, whoever holds it."""
_ON = re.compile(r"对([^，,。；]{2,20}?)进行了?(?:[一二两三四五六七八九十\d]+轮)?(?:战略)?投资")
_RAISERS = frozenset({"Company", "InnovationCenter", "ResearchInstitute"})


def rounds_in(s: str) -> list[tuple[int, int, str]]:
    """(start, end, round) of every round stated in sentence ``s``; unnamed ones as :data:`UNNAMED`."""
    out: list[tuple[int, int, str]] = []
    for r in ROUND_RE.finditer(s):
        if r.group().startswith("配售") or _FINANCE_WORD.match(s, r.end()) \
                or _LATER_FINANCE.match(s, r.end()) or _RAISED.search(s, max(0, r.start() - 12), r.start()) \
                or re.match(r"\s*由", s[r.end():]):
            two = _TWO_ROUNDS.search(r.group())
            if two:  # A4及A5轮: each its own round
                first = r.start() + two.start(1)
                out.append((first, first + len(two.group(1)), two.group(1) + "轮"))
                out.append((r.start() + two.start(2), r.end(), two.group(2) + "轮"))
                continue
            out.append((r.start(), r.end(), r.group()))
    for m in _RAISED_MONEY.finditer(s):  # 获得5亿元投资, 完成新一轮募资: a round, in other words
        at = m.start("word")
        if not any(a <= at <= b + 4 for a, b, _ in out) and not _NOT_A_ROUND.match(s, at):
            out.append((at, m.end("word"), UNNAMED))
    for m in re.finditer("融资", s):
        if _NOT_A_ROUND.match(s, m.start()) or any(a <= m.start() <= b + 4 for a, b, _ in out):
            continue
        cs, _ = clause_bounds(s, m.start())
        lead = s[max(cs, m.start() - 20):m.start()]
        counted = _COUNTED_ROUNDS.search(s, max(cs, m.start() - 10), m.end())
        single = _ONE_ROUND.search(lead) is not None
        if _RAISED.search(lead) and (not _ROUNDS_COUNTED.search(lead[-3:]) or counted or single) \
                or "新一轮" in lead:
            out.append((m.start(), m.end(), UNNAMED))  # 完成三轮融资: rounds not told apart, as one
    return sorted(out)


def finance(ex: SentenceExtractor) -> None:
    """融资 and 投资 of one sentence (see the module docstring)."""
    from loaders.ingest.relations import Round, sources_of

    s = ex.s
    companies = sources_of("融资")
    rounds = rounds_in(s)
    stated: list[tuple[int, Round]] = []
    floor = 0
    pairs: list[tuple[Mention, tuple[int, int, str], float]] = []
    recalled: list[tuple[int, Round]] = []
    for r in rounds:
        owners = _owners(ex, floor, r[0], companies)
        raisers = _LISTED_RAISERS.search(s, floor, r[0])
        if not owners and raisers and r[2] == UNNAMED:  # A、B等多家企业宣布完成新一轮融资
            for owner in ex.run_before(raisers.start() + 1, floor, companies, max_gap=1):
                pairs.append((owner, r, 0.6))
            floor = r[1]
            continue
        if owners:
            pairs.append((owners[-1], r, 0.85))
        elif pairs and re.fullmatch(r"\s*(?:融资)?\s*[、和及与]\s*", s[floor:r[0]]):
            pairs.append((pairs[-1][0], r, pairs[-1][2]))  # A轮及A+轮: both rounds of one company
        elif r[2] != UNNAMED:  # A+轮由彬复领投: a round the sentence before named
            named = normalise_round(ex.cased[r[0]:r[1]])
            same = next((x for x in reversed(ex.recent_rounds) if x.round == named), None)
            if same is not None:
                recalled.append((r[0], same))
        floor = r[1]
    if not rounds and not ex.recent_rounds:
        this = _THIS_ROUND_OF.search(s)
        owners = ex.run_before(this.start(), 0, companies, max_gap=0) if this else []
        if this and owners and owners[-1].label != "Region":
            rounds = [(this.start(), this.end(), UNNAMED)]
            pairs.append((owners[-1], rounds[0], 0.7))
    listed = ex.run_before(rounds[0][0], 0, companies, max_gap=30) if rounds else []
    if len(rounds) > 1 and len(listed) == len(rounds) and "分别" in s:
        pairs = [(m, r, 0.85) for m, r in zip(listed, rounds, strict=True)]
    if rounds and not pairs and not recalled and ex.topic is not None \
            and not ex.between(0, rounds[0][0], companies) and _subjectless(s, rounds[0][0]):
        pairs = [(ex.topic, rounds[0], 0.6)]  # …公司X。今年2月，获得…天使轮融资
    for owner, (start, end, text), confidence in pairs:
        if _COUNTED_ROUNDS.search(s, max(0, start - 10), end):
            confidence = min(confidence, 0.6)  # several rounds read as one: for review
        rcs, rce = clause_bounds(s, start)
        amount = None
        for a in AMOUNT_RE.finditer(s, max(rcs, start - 16), rce):
            amount = parse_amount(a)
            if amount:
                break
        name = UNNAMED if text == UNNAMED else normalise_round(ex.cased[start:end])
        if text.endswith("轮") and not name.endswith("轮"):
            name += "轮"  # the first of 'A4及A5轮
        round_ = Round(owner, name, ex.date_at(start), amount)
        ex.emit("融资", owner, None, text if text != UNNAMED else "融资", confidence, date=round_.date)
        ex.out[-1].round = round_
        stated.append((start, round_))
    ex.rounds = [r for _, r in stated]
    if len({r.company.name for _, r in stated}) > 1 and "分别" in s:
        return  # respective rounds: the investors cannot be told apart
    _investors(ex, sorted(stated + recalled, key=lambda x: x[0]))
    _direct(ex)


def _owners(ex: SentenceExtractor, floor: int, pos: int, companies: frozenset[str]) -> list[Mention]:
    """The company raising the round at ``pos``: the nearest before it, with a raise verb (or
    nothing but 的) between, and not an investor (加速科技完成由某资本领投的A轮融资)."""
    by = _INVESTED_BY.search(ex.s, floor, pos)
    end = by.start() if by else pos
    owners = [m for m in ex.run_before(end, floor, companies, max_gap=30) if m.label != "Region"]
    if not owners:
        return []
    gap = ex.s[ex.rel(owners[-1])[1]:end]
    if by or gap.strip() in {"", "的"} or _ANAPHORA.search(gap):
        return owners
    verb = _RAISED.search(gap)
    # only dates and adverbs between the company and its verb (X今年3月已完成…), not another name
    return owners if verb and _BEFORE_VERB.fullmatch(gap[:verb.start()]) else []


def _subjectless(s: str, pos: int) -> bool:
    """True when the clause of ``pos`` opens with its verb: only dates and adverbs before it."""
    cs, _ = clause_bounds(s, pos)
    verb = _RAISED.search(s, cs, pos)
    return verb is not None and _SUBJECTLESS.match(s[cs:verb.start()]) is not None


def _round_for(ex: SentenceExtractor, stated: list[tuple[int, Round]], pos: int,
               listed: bool = False) -> tuple[Round | None, float]:
    """The round an investor phrase at ``pos`` refers to: this sentence's nearest, else the previous
    one's (when the sentence speaks of a round, or ``listed``: it names investors, 投资方包括…)."""
    clause = clause_bounds(ex.s, pos)
    after = [r for at, r in stated if clause[0] <= at < clause[1] and at > pos]
    following = [a for a, _, _ in rounds_in(ex.s) if pos < a <= pos + 12]
    if following:  # 由A领投的B轮融资: the round right after its investor, if its company is known
        return next((r for at, r in stated if at == following[0]), None), 0.8
    before = [r for at, r in stated if at <= pos]
    if before:
        return before[-1], 0.8
    if after:
        return after[0], 0.8
    named = {normalise_round(ex.cased[a:b]) for a, b, t in rounds_in(ex.s) if t != UNNAMED}
    if ex.recent_rounds and (listed or _THIS_ROUND.search(ex.s)) and not stated \
            and (not named or ex.recent_rounds[-1].round in named):
        return ex.recent_rounds[-1], 0.75  # not when the sentence names another round (A轮投资方…)
    return None, 0.0


def _investors(ex: SentenceExtractor, stated: list[tuple[int, Round]]) -> None:
    from loaders.ingest.relations import sources_of, targets_of

    investors = sources_of("投资") - {"Region"}
    s = ex.s
    first = INVEST.search(s)
    opening = first is not None and not rounds_in(s) and any(
        ex.rel(m)[0] <= 1 for m in ex.run_before(first.start(), 0, investors, max_gap=0))
    for inv in INVEST.finditer(s):
        # …完成A轮融资。A领投，B跟投: a sentence that opens with the investors is about the round
        # just stated (one on financing in general names none first: 业内…由A领投的项目…)
        round_, confidence = _round_for(ex, stated, inv.start(), listed=opening)
        if round_ is None:
            continue
        ics, _ = clause_bounds(s, inv.start())
        by = s.rfind("由", ics, inv.start())
        who = ex.run_before(inv.start(), by + 1 if by >= 0 else ics, investors, max_gap=4)
        if not who:  # A作为老股东继续跟投: the investor's standing and an adverb between
            far = ex.run_before(inv.start(), by + 1 if by >= 0 else ics, investors, max_gap=16)
            who = far if far and _AS_HOLDER.fullmatch(s, ex.rel(far[-1])[1], inv.start()) else []
        for investor in who:
            if investor.name != round_.company.name:
                ex.emit("投资", investor, None, inv, confidence, date=round_.date,
                        lead=inv.group() in {"领投", "联合领投", "独家投资"})
                ex.out[-1].round = round_
    for m in _JOINED_IN.finditer(s):  # …领投，A、B等多家机构参与
        round_, confidence = _round_for(ex, stated, m.start())
        if round_ is None:
            continue
        ics, _ = clause_bounds(s, m.start())
        for investor in ex.run_before(m.start(), ics, investors, max_gap=10):
            if investor.name != round_.company.name:
                ex.emit("投资", investor, None, m, confidence - 0.1, date=round_.date, lead=False)
                ex.out[-1].round = round_
    lists = list(_LIST.finditer(s))
    if not lists and (stated or ex.recent_rounds) and re.search("融资|投资", s):
        lists = list(_INCLUDES.finditer(s))
    for m in lists:
        if m.re is _INCLUDES and _NOT_INVESTORS.search(s, clause_bounds(s, m.start())[0], m.start()):
            continue  # 客户包括A、B: customers, partners or products, not investors
        round_, confidence = _round_for(ex, stated, m.start(), listed=m.re is _LIST)
        if round_ is None and m.re is _LIST:  # 某公司的投资方包括A、B: stakes in the company itself
            cs, _ = clause_bounds(s, m.start())
            owner = [x for x in ex.run_before(m.start(), cs, targets_of("投资") - {"FundingRound"}, max_gap=1)
                     if s[ex.rel(x)[1]:m.start()] in {"", "的"}][-1:]
            for company in owner:
                for investor in _listed_runs(ex, m.end(), investors):
                    if investor.name != company.name:
                        ex.emit("投资", investor, company, m, 0.65, date=ex.date_at(m.start()))
            continue
        if round_ is None:
            continue
        for investor in _listed_runs(ex, m.end(), investors):
            if investor.name != round_.company.name:
                ex.emit("投资", investor, None, m, confidence - 0.05, date=round_.date)
                ex.out[-1].round = round_


_NEXT_GROUP = re.compile(r"等[^，,。；、]{0,14}?(?:[，,]\s*|[，,]?以及|[，,]?及|[，,]?和)")
"""投资方涵盖A、B等财务机构，C、D等产业龙头，以及E等: the next group of the same list."""


def _listed_runs(ex: SentenceExtractor, pos: int, labels: frozenset[str]) -> list[Mention]:
    """The run of ``labels`` right after ``pos`` and the runs of the groups that continue it."""
    out = ex.run_after(pos, len(ex.s), labels, max_gap=4)
    while out:
        more = _NEXT_GROUP.match(ex.s, ex.rel(out[-1])[1])
        nxt = ex.run_after(more.end(), len(ex.s), labels, max_gap=3) if more else []
        if not nxt:
            break
        out += nxt
    return out


def _direct(ex: SentenceExtractor) -> None:
    """投资 to the company itself: 直接投资了A、B; 战略入股A; 获A、B入股; 对A进行了投资."""
    from loaders.ingest.relations import sources_of, targets_of

    investors = sources_of("投资") - {"Region"}
    targets = targets_of("投资") - {"FundingRound"}
    s = ex.s
    for m in _DIRECT.finditer(s):
        cs, ce = clause_bounds(s, m.start())
        who = ex.run_before(m.start(), cs, investors, max_gap=8) \
            or ex.subject_before(cs, m.start(), investors)
        what = ex.run_after(m.end(), ce, targets, max_gap=10)
        if not what and ex.s[ce:ce + 1] in {"，", ","}:
            nxt = re.match(r"[，,]?\s*(?:包括了?|如|例如)[:：]?", s[ce:])
            if nxt:
                what = ex.run_after(ce + nxt.end(), len(s), targets, max_gap=2)
        for a in who:
            for b in what:
                ex.emit("投资", a, b, m, 0.75, date=ex.date_at(m.start()),
                        lead=True if m.group().startswith("领投") else None)
    for m in _PASSIVE_STAKE.finditer(s):
        cs, ce = clause_bounds(s, m.start())
        owner = ex.run_before(m.start(), cs, targets, max_gap=8)
        if not owner and cs > 0:
            owner = ex.subject_before(cs, m.start(), targets)
        if not owner and ce < len(s):  # 继获A、B入股后，C…: the company opens the next clause
            owner = ex.run_after(ce + 1, clause_bounds(s, ce + 1)[1], targets, max_gap=1)[:1]
        who = ex.between(m.start(1), m.end(1), investors)
        for a in who:
            for b in owner[-1:]:
                ex.emit("投资", a, b, m.group()[-2:], 0.75, date=ex.date_at(m.start()))
    for m in _HOLDS.finditer(s):  # A持有B 12%的股份, A以…获得B 25%股权
        cs, _ = clause_bounds(s, m.start())
        who = ex.run_before(m.start(), cs, investors, max_gap=16) \
            or ex.subject_before(cs, m.start(), investors)
        for a in who[-1:]:
            for b in ex.between(m.start("what"), m.end("what"), targets)[:1]:
                ex.emit("投资", a, b, m.group(1), 0.7, date=ex.date_at(m.start()))
    for m in _ON.finditer(s):
        cs, _ = clause_bounds(s, m.start())
        who = ex.run_before(m.start(), cs, investors, max_gap=8)
        for a in who:
            for b in ex.between(m.start(1), m.end(1), targets)[:1]:
                ex.emit("投资", a, b, "投资", 0.75, date=ex.date_at(m.start()))
