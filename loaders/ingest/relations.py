"""Relation patterns within one sentence: 牵头, 融资/投资, 合作, 参与, 孵化, 发布, 获得, 任职, 创立.

Every pattern is a trigger (a verb or a title) with its arguments found among the sentence's
mentions, by position: the *agents* are the nearest run of mentions before the trigger in its
clause (a list joined by 、和与及 counts as one run; after 由 when the sentence is passive), the
*objects* the mentions after it in the clause. Endpoint labels must be allowed by the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from graph.ontology import relation_types_by_name
from loaders.ingest.financing import finance
from loaders.ingest.mentions import Mention
from loaders.ingest.qualifiers import (
    Amount,
    ArticleDate,
    amount_in,
    date_before,
    dates_in,
)
from loaders.ingest.segment import tag
from loaders.ingest.structure import deliver, develop, located, part_of, set_up
from loaders.ingest.text import clause_bounds
from loaders.ingest.vocabulary import DEPARTMENT, EVENT_SUFFIXES, TITLE_CHAIN


@dataclass(frozen=True)
class Round:
    """A financing round stated in a sentence (becomes a FundingRound candidate)."""

    company: Mention
    round: str
    date: str | None
    amount: Amount | None


@dataclass
class Statement:
    """A relation found in a sentence; ``round`` stands for the target of 融资 and 投资."""

    type: str
    source: Mention
    target: Mention | None
    start: int
    end: int
    trigger: str
    confidence: float
    qualifiers: dict[str, str | int | float | bool] = field(default_factory=dict)
    round: Round | None = None


_JOINERS = re.compile(r"^(?:[、，,和与及跟同的]|以及|等|》《|\s)*$")


def _joined(gap: str, a: Mention, b: Mention) -> bool:
    """Two mentions of one run: joined by list punctuation, or touching places (福建省厦门市).

    Touching organisations are one name read in two (某集团 + 某资本), not a list.
    """
    return bool(_JOINERS.match(gap)) and (bool(gap) or a.label == b.label == "Region")
LEAD = re.compile(r"牵头(?:组建|筹建|建设|成立|打造|发起|承建|共建|设立|运营)?|联合组建|联合共建|共同组建|"
                  r"联合发起|共同发起|领衔")
PARTICIPATE = re.compile(r"参与|参加|出席|亮相|参会|加入|入驻|齐聚")
INCUBATE = re.compile(r"孵化(?:出|了)?|孵育")
PUBLISH = re.compile(r"(?<!联合)(?<!共同)(?:发布|推出|印发|出台|发表|公布|开源)(?:了)?")
RECEIVE = re.compile(r"(?:获得|荣获|获颁|获评|斩获|摘得|领取|获)(?:了)?")
FOUND = re.compile(r"(?:联合)?(?:创立|创办|创建|创设)(?:了)?")
COOP_VERB = re.compile(r"合作|签约|签署|协同|共建|联合研发|共同研发|联合开发|共同开发|联合打造|共同打造")
COOP_WITH = re.compile(r"携手|联手|联合(?!组建|共建|发布|发起|推出|研发|开发|打造|创立|创办)")
_PARTY_GAP = re.compile(r"(?:[（(][\d.a-z\-]{4,10}[）)])?"
                        r"(?:关于|拟|将|已|已经|正式|近日|日前|今日|昨日|再次|首次|还|也|共同|在|于)*"
                        r"(?:\d{1,2}月\d{1,2}日)?\s*$")
"""What may stand between a party and 与 in 甲公司近日拟与乙大学签署…: adverbs, a date."""
_AGREEMENT = re.compile(r"签署|签订|签约|达成|缔结")
_BARE_COMPANY = re.compile(r"\s*(?:该公司|公司)(?:拟|将|已|已经|正式|近日|日前)*\s*")
_PARTNER_LIST = re.compile(r"(?:合作伙伴|合资伙伴|合作方|战略伙伴|合资方)(?:还|也|则|主要)?"
                           r"(?:包括|有|涵盖|包含)(?:了)?[:：]?")
JOINT_RELEASE = re.compile(r"(?:联合|共同)(?:发布|推出)(?:了)?")
_LOCATIVE = re.compile(r"[在于][^，,。；在于]{1,30}?(?:上|中|期间|现场|之际)")
_EXHIBIT = re.compile(r"亮相|登场|参展|展出|参会|出展|亮相于")
_ON_EVENT = re.compile("[”」』\"]?(?:" + "|".join(EVENT_SUFFIXES) + ")?(?:现场|上)[，,]")
_REPRESENTS = re.compile(r"代表|发言|致辞|出席|参会|参加|分享|演讲")
_SPEAKER = re.compile(r"表示|提到|指出|说|认为|介绍|发言|强调|谈到|坦言|提出|剖析|分享|透露|阐述|呼吁|解读|"
                      r"回顾|致辞|演讲")
_ENUMERATES = re.compile(r"\s*(?:包括|其中包括|即|分别是|分别为|如)[:：]?")
_CONTINUES = re.compile(r"\s*(?:分别|均|也|都|还|并|已|已经|将|共同|同时|正式|陆续|先后|相继|随后|此后|"
                        r"又|再|便|则|近日|日前|近期|今年|去年|不断|持续|率先|首次|于|同年|当年|\d{1,2}月(?:份)?)*\s*")
_AS_TITLE = re.compile(rf"(?:身为|作为)[^，,。]*?({TITLE_CHAIN.pattern})[，,]\s*$")
_DEPARTMENT = re.compile(DEPARTMENT)
_TITLE_AT_END = re.compile(rf"(?:{TITLE_CHAIN.pattern})$")
_TITLE_AT_START = re.compile(rf"^(?:的)?({TITLE_CHAIN.pattern})")
_DEPARTMENT_TITLE = re.compile(rf"^(?:的)?(?:{DEPARTMENT}|团队|部门)({TITLE_CHAIN.pattern})")
"""张三也是A中心团队负责人: a department between the organisation and the title."""
_STOCK_CODE = re.compile(r"[（(][\d.a-z]{3,9}[）)]$")
_LIST_FILLER = re.compile(r"[、，,及和与]\s*(?:新上任的|新任的?|现任的?)?$")
_PERSON_LINK = re.compile(r"^[，,（(]?\s*(?:同时|也|还|亦|目前|现|曾)*"
                          r"(?:是|为|任|担任|出任|现任|兼任|作为|系)?\s*")
_WORKED_AT = re.compile(r"(?:曾|曾经|先后|曾先后|此前|早年|多年)*(?:就职于|任职于|供职于|效力于|服务于)")
"""张三曾先后就职于A、B等公司: a post at each (任职, former posts included)."""
_JOINED = re.compile(r"(?:已经|已|正式|近日|日前|宣布|将)*(?:加入|加盟)(?:了)?")
"""张三已加入某公司: a post there (for review: the title, if any, comes later)."""
_APPOINTS = re.compile(r"任命(?:了)?")
_TAKES_POST = re.compile(r"(?:接任|出任|担任|升任|就任|兼任|转任|接掌|执掌)(?:了)?")
"""张三将出任A公司首席执行官, 张三在2007年担任A执行副总裁: a post at A, with a title after it."""
_POST_NEXT = re.compile(r"\s*(?:将|并|同时)?(?:出任|担任|兼任)")
_SUCCEEDS = re.compile(r"(?:接替|接棒)(?:了)?$")
"""张三接替李四出任…: the predecessor held the post too (a former post)."""
_POST_TITLE = re.compile(rf"(?:的)?(?:代理|临时|新任|首任|候任|全球|集团|中国区|大中华区|亚太区)?"
                         rf"(?:{DEPARTMENT})?({TITLE_CHAIN.pattern})")
_BARE_EMPLOYER = re.compile(r"(?:公司|集团|该公司|本公司)")
_LATER_POST = re.compile(r"^(?:(?:\d{4}年|\d{1,2}月|\d{1,2}日|同年|随后|此后|之后|后来|其后|"
                         r"又|再|并|还|曾|先后)(?:起|开始)?\s*)*$")
"""…，2013年出任B公司副总裁: a clause that goes on with the same person's next post."""
_SCOPE_BEFORE = re.compile(r"(?:全球|全国|大中华区|亚太区|中国区)$")
_AS_POST = re.compile(r"(?:为|担任|出任|兼任)")
_ORGS = frozenset({"Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
                   "Organization", "Fund"})


def _allowed(rel_type: str, source: str, target: str) -> bool:
    return relation_types_by_name()[rel_type].allows(source, target)


@cache
def sources_of(rel_type: str) -> frozenset[str]:
    return frozenset(s for s, _ in relation_types_by_name()[rel_type].pairs)


@cache
def targets_of(rel_type: str) -> frozenset[str]:
    return frozenset(t for _, t in relation_types_by_name()[rel_type].pairs)


class SentenceExtractor:
    """Runs every pattern over one Simplified sentence and its mentions."""

    def __init__(self, sentence: str, cased: str, offset: int, mentions: list[Mention],
                 article_date: ArticleDate, topic: Mention | None = None,
                 recent_rounds: list[Round] | None = None, partners: list[Mention] | None = None,
                 event: Mention | None = None) -> None:
        self.s = sentence
        self.cased = cased
        self.offset = offset
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.date = article_date
        self.topic = topic
        """The last company of the previous sentence: the subject of a sentence that names none."""
        self.recent_rounds = recent_rounds or []
        """The rounds stated in the sentences just before: the ones its investors may belong to."""
        self.event = event
        """The one event the sentence before named: what 出席/参加 with no object of its own means."""
        self.partners = partners or []
        """The parties of the last 合作 of the sentences just before: whom 双方 means."""
        self.rounds: list[Round] = []
        """The rounds this sentence states (carried over to the next sentence)."""
        self.out: list[Statement] = []
        self._org_of: dict[int, Mention] = {}
        """Person (by start) → the organisation their title named: the next in a title list shares it."""
        self._dates: list[tuple[int, int, str]] | None = None

    def date_at(self, pos: int) -> str | None:
        """The date that applies at ``pos`` of the sentence (dates are read once per sentence)."""
        if self._dates is None:
            self._dates = dates_in(self.s, self.date)
        return date_before(self.s, pos, self.date, self._dates)

    # -- positions -----------------------------------------------------------------------
    def rel(self, m: Mention) -> tuple[int, int]:
        return m.start - self.offset, m.end - self.offset

    def between(self, a: int, b: int, labels: frozenset[str] | None = None) -> list[Mention]:
        return [m for m in self.mentions
                if a <= m.start - self.offset and m.end - self.offset <= b
                and (labels is None or m.label in labels)]

    def run_before(self, pos: int, floor: int, labels: frozenset[str], max_gap: int = 15) -> list[Mention]:
        """The nearest run of ``labels`` mentions ending before ``pos`` (a 、-list counts as one)."""
        before = [m for m in self.between(floor, pos) if m.label in labels]
        if not before:
            return []
        last = before[-1]
        gap_start = self.rel(last)[1]
        # a locative or time phrase between agent and verb is skipped (A近日在B大会上发布…)
        loc = _LOCATIVE.search(self.s, gap_start, pos)
        hidden = range(loc.start(), loc.end()) if loc else range(0)
        gap = len(self.s[gap_start:pos]) - len(hidden)
        if gap > max_gap or any(self.rel(m)[0] >= gap_start and self.rel(m)[0] not in hidden
                                for m in self.between(floor, pos)
                                if m.label not in labels and m.label != "Region"):
            return []
        run = [last]
        for m in reversed(before[:-1]):
            if _joined(self.s[self.rel(m)[1]:self.rel(run[-1])[0]], m, run[-1]):
                run.append(m)
            else:
                break
        return _distinct(reversed(run))

    def run_after(self, pos: int, ceiling: int, labels: frozenset[str], max_gap: int = 12) -> list[Mention]:
        """The nearest run of ``labels`` mentions starting after ``pos``."""
        after = [m for m in self.between(pos, ceiling) if m.label in labels]
        if not after or self.rel(after[0])[0] - pos > max_gap:
            return []
        run = [after[0]]
        for m in after[1:]:
            if _joined(self.s[self.rel(run[-1])[1]:self.rel(m)[0]], run[-1], m):
                run.append(m)
            else:
                break
        return _distinct(run)

    def place_before(self, floor: int, pos: int) -> list[Mention]:
        """A place name (jieba ``ns``) opening the clause before the verb: 福建近日印发… → Region."""
        if self.between(floor, pos):
            return []
        at = floor
        place: list[Mention] = []
        for word, flag in tag(self.s[floor:pos]):
            if flag == "ns" and len(word) >= 2:  # 福建省厦门市: the last place of a run
                start = self.offset + at
                place = [Mention(start, start + len(word), "Region", word, how="jieba:ns")]
            elif place or (flag not in {"t", "d", "x", "m", "q"} and word.strip()):
                break
            at += len(word)
        return place

    def subject_before(self, clause_start: int, pos: int, labels: frozenset[str]) -> list[Mention]:
        """The run ending the previous clause, when this clause opens with its verb (…企业，分别获得…)."""
        if clause_start == 0 or not _CONTINUES.fullmatch(self.s[clause_start:pos]):
            return []
        prev_start, _ = clause_bounds(self.s, clause_start - 1)
        return self.run_before(clause_start - 1, prev_start, labels, max_gap=20)

    def emit(self, rel_type: str, source: Mention, target: Mention | None, trigger: re.Match[str] | str,
             confidence: float, **qualifiers: str | int | float | bool | None) -> None:
        if target is not None and (source is target or source.name == target.name
                                   or not _allowed(rel_type, source.label, target.label)):
            return
        if source.label == "Region" and rel_type in {"投资", "融资"}:
            return  # a place neither invests nor raises money (中国领投: a country, not an investor)
        unknown = (not source.known) + (target is not None and not target.known)
        # an endpoint read from 公司/双方 rather than named: for review, never pre-accepted
        unknown += 2 * ((source.how == "anaphora") + (target is not None and target.how == "anaphora"))
        word = trigger if isinstance(trigger, str) else trigger.group()
        self.out.append(Statement(rel_type, source, target, self.offset, self.offset + len(self.s),
                                  word, round(max(0.3, confidence - 0.1 * unknown), 2),
                                  {k: v for k, v in qualifiers.items() if v is not None}))

    # -- generic agent-verb-object --------------------------------------------------------
    def agent_verb_object(self, pattern: re.Pattern[str], rel_type: str, confidence: float,
                          role: bool = False, dated: bool = True) -> None:
        sources, targets = sources_of(rel_type), targets_of(rel_type)
        for m in pattern.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            by = self.s.rfind("由", cs, m.start())
            floor = by + 1 if by >= 0 else cs
            agents = self.run_before(m.start(), floor, sources) or self.subject_before(cs, m.start(), sources)
            if not agents and "Region" in sources:
                agents = self.place_before(floor, m.start())
            objects = self.run_after(m.end(), ce, targets, max_gap=24 if rel_type == "发布" else 12)
            if not objects and rel_type == "发布":  # …发布多个文件，包括《A》《B》
                nxt = _ENUMERATES.match(self.s, ce + 1)
                if nxt:
                    objects = self.run_after(nxt.end(), clause_bounds(self.s, nxt.end())[1], targets, 2)
                elif self.s[ce:ce + 1] in {"：", ":"}:  # 发布了新一代模型：X
                    objects = self.run_after(ce + 1, clause_bounds(self.s, ce + 1)[1], targets, 2)[:1]
            if not objects and by >= 0:
                objects = self.run_before(by, 0, targets, max_gap=4)[-1:]
            if not objects and by == cs and rel_type == "创立" and cs > 0:
                # X成立于2023年，由张三等人创立: the company the sentence opens with
                objects = [x for x in self.mentions if self.rel(x)[0] <= 1 and x.label in targets][:1]
            if not objects and rel_type in {"参与", "牵头"}:
                before = [x for x in self.between(0, floor) if x.label in {"Event", "InnovationCenter"}
                          and x not in agents]
                # the one event named before (with two, which one is not said)
                objects = before if len({x.entity or x.name for x in before}) == 1 else []
                objects = objects[-1:]
                if not objects and rel_type == "参与" and self.event is not None and not any(
                        x.label == "Event" for x in self.mentions) and m.group() in {"出席", "参加", "参会"}:
                    # …论坛周二举行。A、B等出席致辞: the event of the sentence before, for review
                    for a in agents:
                        self.emit(rel_type, a, self.event, m, 0.6, date=self.date_at(m.start()))
                    continue
            date = self.date_at(m.start()) if dated else None
            for a in agents:
                for o in objects:
                    if a in objects or o in agents:
                        continue
                    self.emit(rel_type, a, o, m, confidence, date=date,
                              role=m.group() if role else None)

    # -- patterns --------------------------------------------------------------------------
    def lead(self) -> None:
        self.agent_verb_object(LEAD, "牵头", 0.85, role=True)

    def participate(self) -> None:
        self.agent_verb_object(PARTICIPATE, "参与", 0.7)
        self.present_at()

    def present_at(self) -> None:
        """``A在<活动>上…`` and ``在<活动>上，<人物>表示…``: whoever acts at an event takes part in it."""
        sources = sources_of("参与")
        for loc in _LOCATIVE.finditer(self.s):
            events = [m for m in self.between(loc.start(), loc.end()) if m.label == "Event"]
            if not events:
                continue
            cs, ce = clause_bounds(self.s, loc.start())
            agents = self.run_before(loc.start(), cs, sources, max_gap=6)
            if not agents and self.s[loc.end():loc.end() + 1] in {"，", ","}:
                speaker = _SPEAKER.search(self.s, loc.end() + 1)
                after = [m for m in self.between(loc.end(), speaker.start() if speaker else loc.end())
                         if m.label == "Person"]
                agents = after[-1:] if speaker and speaker.start() - loc.end() < 60 else []
            date = self.date_at(loc.start())
            for a in agents:
                self.emit("参与", a, events[-1], "在…上", 0.7, date=date)
        self.speakers_at()

    def speakers_at(self) -> None:
        """``E上，A、B等企业代表，C、D等机构代表发言``: those named in the clauses after an event
        (each clause naming them as representatives or speakers) take part in it."""
        sources = sources_of("参与")
        for event in self.mentions:
            on = _ON_EVENT.match(self.s, self.rel(event)[1]) if event.label == "Event" else None
            if on is None:
                continue
            at = on.end() - 1
            date = self.date_at(at)
            while at < len(self.s) and self.s[at] in "，,":
                cs, ce = clause_bounds(self.s, at + 1)
                if not _REPRESENTS.search(self.s, cs, ce):
                    break
                for m in self.between(cs, ce, sources):
                    self.emit("参与", m, event, "上", 0.65, date=date)
                at = ce
    def exhibit(self) -> None:
        """``在E上，A携…亮相`` and ``E…现场，A携B登场``: who shows something at the sentence's one event."""
        events = {m.entity or m.name: m for m in self.mentions if m.label == "Event"}
        if len(events) != 1:
            return
        (event,) = events.values()
        sources = sources_of("参与") - {"Region"}
        for m in _EXHIBIT.finditer(self.s):
            if m.start() < self.rel(event)[1]:
                continue
            cs, _ = clause_bounds(self.s, m.start())
            carry = self.s.rfind("携", cs, m.start())
            pos = carry if carry >= 0 else m.start()
            agents = self.run_before(pos, cs, sources, max_gap=8) or self.subject_before(cs, pos, sources)
            for a in agents[-1:]:
                self.emit("参与", a, event, m, 0.7, date=self.date_at(m.start()))

    def incubate(self) -> None:
        self.agent_verb_object(INCUBATE, "孵化", 0.8)

    def publish(self) -> None:
        self.agent_verb_object(PUBLISH, "发布", 0.75)
        self.issued_by_its_place()

    def issued_by_its_place(self) -> None:
        """A policy issued (印发的《东海省…措施》) with no issuer named before the verb: the place
        its title opens with, when the sentence names that place (a jurisdiction's own policy)."""
        verb = PUBLISH.search(self.s)
        if verb is None:
            return
        published = {st.target.start for st in self.out if st.type == "发布" and st.target is not None}
        places = [m for m in self.mentions if m.label == "Region"]
        for p in self.mentions:
            if p.label != "Policy" or p.start in published:
                continue
            title = p.name.lstrip("《")
            for place in places:
                if place.start != p.start and title.startswith(place.name) and len(place.name) >= 2:
                    self.emit("发布", place, p, verb, 0.6, date=self.date_at(verb.start()))
                    break

    def found(self) -> None:
        self.agent_verb_object(FOUND, "创立", 0.8)

    def receive(self) -> None:
        sources, targets = sources_of("获得"), targets_of("获得")
        for m in RECEIVE.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            agents = self.run_before(m.start(), cs, sources) or self.subject_before(cs, m.start(), sources)
            objects = self.run_after(m.end(), ce, targets, max_gap=20)
            if not agents or not objects:
                continue
            amount = amount_in(self.s[m.end():self.rel(objects[0])[0]])
            date = self.date_at(m.start())
            for a in agents:
                for o in objects:
                    self.emit("获得", a, o, m, 0.8, date=date,
                              amount=amount.value if amount else None,
                              currency=amount.currency if amount else None)

    def cooperate(self) -> None:
        parties = sources_of("合作")
        for m in COOP_VERB.finditer(self.s):
            cs, _ = clause_bounds(self.s, m.start())
            for w in re.finditer(r"[与和同跟]", self.s[cs:m.start()]):
                pos = cs + w.start()
                left = self.run_before(pos, cs, parties, max_gap=0)
                if not left and _AGREEMENT.match(self.s, m.start()):  # 甲公司拟与乙签署: an adverb between
                    near = self.run_before(pos, cs, parties, max_gap=8)
                    left = near if near and _PARTY_GAP.fullmatch(self.s[self.rel(near[-1])[1]:pos]) else []
                    if not left and cs > 0 and _BARE_COMPANY.fullmatch(self.s[cs:pos]):
                        # 甲集团公告，公司与乙签署: the company of the clause before
                        left = [x for x in self.between(0, cs, parties) if x.label in _ORGS][-1:]
                right = self.run_after(pos + 1, m.start(), parties, max_gap=0)
                if left and right:
                    for a in left:
                        for b in right:
                            self.emit("合作", a, b, m, 0.8, date=self.date_at(m.start()))
                    for a, b in combinations(left, 2):  # A、B与C…合作: every party of one agreement
                        self.emit("合作", a, b, m, 0.7, date=self.date_at(m.start()))
                    break
        for m in COOP_WITH.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            left = self.run_before(m.start(), cs, parties)
            right = self.run_after(m.end(), ce, parties, max_gap=0)
            for a in left:
                for b in right:
                    self.emit("合作", a, b, m, 0.8, date=self.date_at(m.start()))
        for m in _PARTNER_LIST.finditer(self.s):  # 甲的合资伙伴包括乙、丙: each a partner of 甲
            cs, ce = clause_bounds(self.s, m.start())
            owner = self.run_before(m.start(), cs, parties, max_gap=10)[-1:]
            if owner and "的" not in self.s[self.rel(owner[0])[1]:m.start()]:
                owner = []
            for a in owner:
                for b in self.run_after(m.end(), len(self.s), parties, max_gap=2):
                    self.emit("合作", a, b, m, 0.7, date=self.date_at(m.start()))
        for m in JOINT_RELEASE.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            group = self.run_before(m.start(), cs, parties)
            date = self.date_at(m.start())
            for a, b in combinations(group, 2):
                self.emit("合作", a, b, m, 0.8, date=date)
            for o in self.run_after(m.end(), ce, targets_of("发布"), max_gap=24):
                for a in group:
                    self.emit("发布", a, o, m, 0.8, date=date)

    def finance(self) -> None:
        finance(self)

    def positions(self) -> None:
        """任职 (and 创立 for founders) from titles next to people, either side."""
        for p in self.mentions:
            if p.label != "Person":
                continue
            ps, pe = self.rel(p)
            self._titles_before(p, ps)
            link = _PERSON_LINK.match(self.s[pe:])
            after = pe + (link.end() if link else 0)
            org = next((m for m in self.mentions if self.rel(m)[0] == after and m.label in _ORGS), None)
            after_title = _TITLE_AT_START.match(self.s[pe:])
            owner = next((m for m in self.mentions if m.label in _ORGS and self.rel(m)[1] in {ps, ps - 1}
                          and self.s[self.rel(m)[1]:ps] in {"", "的"}), None)
            if after_title and owner is not None:  # 某大学的张三教授
                self._position(p, owner, after_title.group(1), 0.75, pe + after_title.start(1))
            if org is not None and link is not None and link.group().strip():
                t = _TITLE_AT_START.match(self.s[self.rel(org)[1]:]) \
                    or _DEPARTMENT_TITLE.match(self.s[self.rel(org)[1]:])
                title_end = self.rel(org)[1] + (t.end() if t else 0)
                # 张三，某大学教授: not when the title opens a list that ends in another person
                continues = self.s[title_end:title_end + 1] in {"、", "兼", "暨"} and any(
                    x.label == "Person" and 0 < self.rel(x)[0] - title_end <= 12 for x in self.mentions)
                if t and not continues and not any(self.rel(x)[0] == title_end and x.label == "Person"
                                                   for x in self.mentions):
                    self._position(p, org, t.group(1), 0.75, self.rel(org)[1] + t.start(1))
                    self._more_posts(p, title_end)
        self._worked_at()
        self._joined()
        self._appointed()
        self._takes_post()

    def _more_posts(self, person: Mention, at: int) -> None:
        """张三为A大学教授、博导，B研究院首席科学家: the clauses after, each <organisation><title>."""
        while True:
            _, ce = clause_bounds(self.s, at)
            if self.s[ce:ce + 1] not in {"，", ","}:
                return
            org = next((m for m in self.mentions if self.rel(m)[0] == ce + 1 and m.label in _ORGS), None)
            t = _TITLE_AT_START.match(self.s[self.rel(org)[1]:]) if org is not None else None
            if org is None or t is None:
                return
            self._position(person, org, t.group(1), 0.7, self.rel(org)[1] + t.start(1))
            at = self.rel(org)[1] + t.end()

    def _worked_at(self) -> None:
        """张三曾先后就职于A、B等公司: 任职 at each, for review."""
        for m in _WORKED_AT.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            who = [x for x in self.run_before(m.start(), cs, frozenset({"Person"}), max_gap=4)][-1:]
            for p in who:
                for org in self.run_after(m.end(), ce, _ORGS, max_gap=1):
                    self.emit("任职", p, org, m, 0.6, role=None)

    def _joined(self) -> None:
        """张三已加入A（，出任…）: 任职 at A, for review."""
        hosts = frozenset({"Company", "ResearchInstitute", "University", "InnovationCenter"})
        for m in _JOINED.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            who = self.run_before(m.start(), cs, frozenset({"Person"}), max_gap=2)[-1:] \
                or self.subject_before(cs, m.start(), frozenset({"Person"}))[-1:]
            for p in who:
                for org in self.run_after(m.end(), ce, hosts, max_gap=1)[:1]:
                    self.emit("任职", p, org, m, 0.6, role=None)

    def _appointed(self) -> None:
        """A任命张三为/担任/出任…: 任职 at A."""
        for m in _APPOINTS.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            org = self.run_before(m.start(), cs, _ORGS, max_gap=12)[-1:] \
                or self.subject_before(cs, m.start(), _ORGS)[-1:]
            post = _AS_POST.search(self.s, m.end(), ce)
            if post is None and self.s[ce:ce + 1] in {"，", ","}:  # 任命…张三，出任…: the next clause's post
                post = _POST_NEXT.match(self.s, ce + 1)
            if not org or post is None:
                continue
            people = [x for x in self.between(m.end(), post.start()) if x.label == "Person"]
            for p in people[-1:]:
                self.emit("任职", p, org[0], m, 0.7, role=None)

    def _takes_post(self) -> None:
        """张三(将/在2007年)出任A(公司)首席执行官: 任职 at A, a title after it; 张三接替李四出任…:
        李四 held it too; 公司/集团 for A: the organisation named before in the sentence, for review;
        a later clause with no subject of its own (…，2013年出任B副总裁) goes on with the same person."""
        people = frozenset({"Person"})
        previous: Mention | None = None
        for m in _TAKES_POST.finditer(self.s):
            cs, ce = clause_bounds(self.s, m.start())
            org = next((x for x in self.mentions if x.label in _ORGS
                        and self.rel(x)[0] == m.end() + (self.s[m.end():m.end() + 1] == "的")), None)
            confidence = 0.7
            at = self.rel(org)[1] if org is not None else m.end()
            if org is None:
                bare = _BARE_EMPLOYER.match(self.s, m.end())
                if bare is None:
                    continue
                at = bare.end()
            title = _POST_TITLE.match(self.s, at)
            if title is None:
                continue
            who = self.run_before(m.start(), cs, people, max_gap=10)[-1:]
            if not who and previous is not None and _LATER_POST.match(self.s[cs:m.start()]) \
                    and not self.between(self.rel(previous)[1], m.start(), people):
                who = [previous]
            if not who:
                continue
            if org is None:  # 接任公司董事会主席: the organisation the sentence named before the person
                org = next((x for x in reversed(self.between(0, self.rel(who[0])[0], _ORGS))), None)
                confidence = 0.55
                if org is None:
                    continue
            previous = who[0]
            self._position(who[0], org, title.group(1), confidence, title.start(1))
            succeeds = _SUCCEEDS.search(self.s, cs, self.rel(who[0])[0])
            if succeeds is not None:
                for p in self.run_before(succeeds.start(), cs, people, max_gap=4)[-1:]:
                    self._position(p, org, title.group(1), confidence, title.start(1))

    def _titles_before(self, person: Mention, pos: int) -> None:
        while self.s[pos - 1:pos] in {":", "：", " "} and pos > 0:
            pos -= 1
        as_clause = _AS_TITLE.search(self.s[max(0, pos - 40):pos])
        if as_clause:  # 身为某公司的创办人，王某
            pos -= len(as_clause.group()) - as_clause.end(1)
        while pos > 0:
            t = _TITLE_AT_END.search(self.s[max(0, pos - 24):pos])
            if not t:
                return
            title_start = pos - len(t.group())
            code = _STOCK_CODE.search(self.s, 0, title_start)
            org_end = code.start() if code else title_start  # 某公司（2357）执行长: a stock code between
            org_end -= 1 if self.s[org_end - 1:org_end] == "的" else 0
            scope = _SCOPE_BEFORE.search(self.s, 0, org_end)
            org = next((m for m in self.mentions if m.label in _ORGS and (
                self.rel(m)[1] == org_end or scope is not None and self.rel(m)[1] == scope.start())), None)
            confidence = 0.85  # 某公司全球执行副总裁张三: the post's scope between
            if org is None and self.s[title_start - 1:title_start] in {"和", "与", "及"}:
                # 某公司和创始人张三: the company and its own founder (read, not certain)
                org = next((m for m in self.mentions if self.rel(m)[1] == title_start - 1
                            and m.label in _ORGS), None)
                confidence = 0.65
            if org is None:  # 某学院计划中心负责人: a department between
                org = next((m for m in self.mentions if m.label in _ORGS
                            and 0 < org_end - self.rel(m)[1] <= 8
                            and _DEPARTMENT.fullmatch(self.s[self.rel(m)[1]:org_end])), None)
                title_start = self.rel(org)[1] if org else title_start
            if org is None:  # 某公司董事长A、总工程师B: B's organisation is A's
                filler = _LIST_FILLER.search(self.s, 0, title_start)
                before = next((m for m in self.mentions if m.label == "Person" and filler
                               and self.rel(m)[1] == filler.start()), None)
                org = self._org_of.get(before.start) if before is not None else None
            if org is None:
                return
            self._org_of[person.start] = org
            self._position(person, org, self.s[title_start:pos], confidence, title_start)
            pos = self.rel(org)[0]
            if self.s[pos - 1:pos] not in {"、", "兼", "暨"}:
                return
            pos -= 1

    def _position(self, person: Mention, org: Mention, title: str, confidence: float, at: int) -> None:
        role = self.cased[at:at + len(title)].removeprefix("的")
        self.emit("任职", person, org, role, confidence, role=role)
        if re.search(r"创始人|创办人", role):
            founder = "联合创始人" if re.search(r"联合创[始办]人", role) else "创始人"
            self.emit("创立", person, org, role, confidence, role=founder)

    def run(self) -> list[Statement]:
        for pattern in (self.lead, self.finance, self.cooperate, self.participate, self.exhibit,
                        self.incubate, self.publish, self.receive, self.found, self.positions):
            pattern()
        for structural in (part_of, located, set_up, deliver, develop):
            structural(self)
        return _dedupe(self.out)


def _distinct(run: Iterable[Mention]) -> list[Mention]:
    """A run without repeats of one entity (a name followed by its English name), and without a
    place that only opens the next one (福建省厦门市: 厦门市)."""
    out: list[Mention] = []
    for m in run:
        if out and out[-1].label == "Region" and m.label == "Region" and out[-1].end == m.start:
            out.pop()
        if not any((m.entity or m.name) == (o.entity or o.name) for o in out):
            out.append(m)
    return out


def _dedupe(statements: list[Statement]) -> list[Statement]:
    seen: dict[tuple[object, ...], Statement] = {}
    for st in statements:
        ends = (st.source.start, st.target.start if st.target else None,
                st.round.round if st.round else None)
        key = (st.type, ends)
        if key not in seen or st.confidence > seen[key].confidence:
            seen[key] = st
    return list(seen.values())


def extract(sentence: str, cased: str, offset: int, mentions: list[Mention],
            article_date: ArticleDate, topic: Mention | None = None) -> list[Statement]:
    """Every statement the patterns find in one sentence (Simplified; offsets in the article)."""
    return SentenceExtractor(sentence, cased, offset, mentions, article_date, topic).run()
