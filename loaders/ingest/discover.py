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
* **model** — ASCII product names with a digit or capitals after 发布/推出 (AB-01, Walker X).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from loaders.ingest.mentions import Mention
from loaders.ingest.segment import frequency, tag

# Longest suffixes first so that 创新中心 wins over 中心.
ORG_SUFFIXES: dict[str, str] = {
    "创新中心": "InnovationCenter", "研究院": "ResearchInstitute", "研究所": "ResearchInstitute",
    "实验室": "ResearchInstitute", "科学院": "ResearchInstitute", "工程院": "ResearchInstitute",
    "研究中心": "ResearchInstitute", "大学": "University", "学院": "University",
    "股份有限公司": "Company", "有限公司": "Company", "有限责任公司": "Company",
    "机器人": "Company", "科技": "Company", "智能": "Company", "集团": "Company", "公司": "Company",
    "股份": "Company", "控股": "Company", "电子": "Company", "汽车": "Company", "机电": "Company",
    "动力": "Company", "基金": "Fund", "资本": "Fund", "投资": "Fund", "创投": "Fund",
    "咨询": "Organization", "基金会": "Organization", "协会": "Organization", "学会": "Organization",
    "商会": "Organization",
    "联盟": "Organization", "交易所": "Organization", "社区": "Organization",
    "委员会": "Government", "管委会": "Government", "人民政府": "Government", "政府": "Government",
    "办公厅": "Government", "局": "Government", "厅": "Government", "工作专班": "Government",
    "产业办": "Government",
}
# Events are named by suffix too (they are what 参与 and 主办 point to).
EVENT_SUFFIXES = ("座谈会", "研讨会", "大会", "论坛", "峰会", "博览会", "展览会", "大赛", "联赛", "马拉松",
                  "发布会", "开幕式", "年会", "交流会", "推介会", "晚会", "系列赛", "挑战赛", "锦标赛")
ORG_SUFFIXES.update(dict.fromkeys(EVENT_SUFFIXES, "Event"))
ORG_SUFFIXES.update({"奖": "Award", "大奖": "Award", "奖项": "Award"})
_SUFFIXES_BY_LAST: dict[str, list[str]] = {}
for _suffix in sorted(ORG_SUFFIXES, key=len, reverse=True):
    _SUFFIXES_BY_LAST.setdefault(_suffix[-1], []).append(_suffix)
# Every suffix occurrence, overlapping ones too (机器人 inside …机器人创新中心).
_SUFFIX_AUTOMATON = ahocorasick.Automaton()
for _suffix in ORG_SUFFIXES:
    _SUFFIX_AUTOMATON.add_word(_suffix, _suffix)
_SUFFIX_AUTOMATON.make_automaton()


def suffix_hits(sentence: str) -> list[tuple[int, str]]:
    """(start, suffix) of every typing suffix in ``sentence``, the longest at each start."""
    hits: dict[int, str] = {}
    for last, suffix in _SUFFIX_AUTOMATON.iter(sentence):
        start = last - len(suffix) + 1
        if len(suffix) > len(hits.get(start, "")):
            hits[start] = suffix
    return sorted(hits.items())
# Suffixes too common as plain nouns to be searched for on their own; they still type names
# found by the list and title rules.
_WEAK_SUFFIXES = frozenset({"局", "厅", "政府", "投资", "动力", "电子", "汽车", "股份", "控股",
                            "社区", "智能"})

# Prefixes that make a suffix name a common noun phrase (人形机器人, 具身智能, 量子科技).
GENERIC = frozenset(
    "人形 具身 人工 工业 服务 智能 扫地 护理 环卫 协作 特种 医疗 量子 科技 数字 信息 高新 前沿 新兴 "
    "一等 二等 三等 特等 金 银 铜 获 得 颁 该 此 大 "
    "未来 通用 家用 商用 消费级 四足 双足 仿生 机器 机器人 工业机器人 智能机器人 人形机器人 具身智能 "
    "人工智能 国产 本土 海外 全球 国际 国家 地方 省级 市级 区级 新型 大型 头部 龙头 创业 初创 "
    "该 其 这家 一家 多家 相关 上述 其他 各类 新 老 大 小 高校 企业 研发 产业 行业 创新 科创 "
    "民营 国有 投资 风险 天使 产业基金 引导 政府 硬科技 黑科技 高科技 陪伴 教育 养老".split())
_NAME_FLAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "nl", "ng", "eng", "j",
                         "x", "l", "an", "m", "b"})
_RARE = 300  # jieba dictionary frequency below which a word is not a common verb
_FUNCTION_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "r", "d", "y", "e", "o", "w",
                             "x", "f", "q", "m"})
_PROPER_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "j"})
_STOP_WORDS = frozenset(
    "的 与 和 及 以及 或 在 由 对 从 向 为 被 把 将 等 了 是 据 让 给 于 以 而 也 还 并 即 如 "
    "包括 例如 比如 其中 作为 同时 此外 目前 近日 今年 去年 已经 已 还有 有 像 这 那 该 旗下 "
    "成立 设立 创立 创办 牵头 联合 支持 推动 发布 推出 加入 参与 形成 带动 吸引 培育 打造 聚集 "
    "拥有 包含 涌现 出现 诞生 建设 落地 来自 依托 位于 多 个 家 名 位 首批 一批 一些 众多 大批 "
    "知名 头部 龙头 优秀 重点 代表 代表性 国内 国外 本地 当地 全国 企业 公司 团队 获批 授牌 揭牌 挂牌 "
    "组建 筹建 升级 入选 获评 认定 注册 获 荣获 获得 获颁".split())
_BOUNDARY = re.compile(r"[，,。；;：:！？!?、（）()“”\"'《》「」『』【】\s·—…/]")

# Titles next to person names, longest first.
TITLES = sorted(
    "联合创始人 联合创办人 创始人 创办人 董事长 副董事长 董事 首席执行官 首席技术官 首席科学家 "
    "CEO CTO COO 总经理 副总经理 总裁 副总裁 院长 副院长 常务副院长 执行院长 校长 副校长 "
    "协理副校长 党委书记 书记 院士 教授 副教授 研究员 局长 副局长 厅长 主任 副主任 所长 会长 "
    "副会长 理事长 秘书长 负责人 总负责人 合伙人 创始合伙人 管理合伙人 委员 常委 市长 区长 "
    "部长 总监 主席 总工程师 处长 科长 首席运营官 首席财务官 首席产品官 执行董事 CFO 记者 作者 "
    "主编 社长".split(), key=len, reverse=True)
_TITLE_RE = "(?:" + "|".join(re.escape(t.lower()) for t in TITLES) + ")"
DEPARTMENT = r"[\u4e00-\u9fff]{1,6}?(?:中心|事业部|研究部|办公室|部|处|办|系|组)"
"""A department between an organisation and a title (科研处 in 协理副校长兼科研处处长)."""
TITLE_CHAIN = re.compile(rf"{_TITLE_RE}(?:兼(?:{DEPARTMENT})?{_TITLE_RE}|[和、及]?{_TITLE_RE})*")
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤颜常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
    "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝黄")
_PERSON_AFTER = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(?=说|表示|认为|指出|介绍|坦言|透露|称|曾|在|也|"
                           r"等|和|与|的|接受|告诉|提到|谈到|强调|[，,、。；：:（(]|$)")
_AFTER_NAME = frozenset("曾说在也等和与称是为就则将")
# A short bracketed place inside a name: 星海大学（苏州）, 北辰（苏州）…创新中心.
_IN_NAME_BRACKETS = re.compile(r"（[\u4e00-\u9fff]{2,4}）")
_EDITION = re.compile(r"^(?:\d{4}年度?|第[\d一二三四五六七八九十百]+届)")
_COUNTED = re.compile(r"[一二两三四五六七八九十几多数]大|首批|[0-9一二三四五六七八九十]+家")
_INSTITUTIONS = frozenset({"University", "ResearchInstitute"})
_QUOTED_ANY = re.compile(r"[“「『\"]([^“”「」『』\"，,。]{2,60})[”」』\"]")
_RELEASED = re.compile(r"(?:发布|推出|研发|亮相)[^，,。；]*$")
_COPULA = re.compile(r"是一家[^，,。；]{0,24}?(" + "|".join(("企业", "公司", "机构", "高校", "大学",
                                                               "独角兽", "实验室")) + ")")
_LEAD_FLAGS = frozenset({"p", "v", "c", "d", "r", "u", "uj", "f", "t"})
_INSTITUTION_LABELS = frozenset({"University", "ResearchInstitute", "InnovationCenter", "Organization"})
_COMPANY_LABELS = frozenset({"Company", "Fund"})
_DIRECTIONS = frozenset("中东南西北")  # tagged f, yet they open many names (中南, 东方)
_GOVERNMENT_SUFFIXES = frozenset({"局", "厅", "政府"})
_FOUNDED_COMPANY = re.compile(r"(?:创立|创办|成立|创建)(?:了)?(?:一家)?"
                              r"(?:创业公司|初创公司|初创企业|新公司|公司)(?P<credit>)(?P<name>[^\s，,。；;、的（(“”]{2,12}?)(?=[，,。；;（(]|$)")
_REPORTER = re.compile(r"(?:接受|告诉)(?P<name>[^\s，,。；;、的“”]{2,10}?)(?:全媒体|融媒体)?记者"
                       r"|(?:图源|来源|图片来源)[:：]\s*(?P<credit>[^\s，,。；;、（(]{2,10})")
_TITLES_AFTER_NAMES = frozenset({"教授", "院士", "研究员", "副教授", "博士"})
_AS = re.compile(r"身为|作为")
_PRODUCT_LIKE = frozenset({"机器人", "智能", "公司", "咨询"})
_COMPANY_SUFFIXES = frozenset({"科技", "智能", "机器人", "集团", "公司"})
_HEAD_LABELS: dict[str, str] = {
    "企业": "Company", "公司": "Company", "厂商": "Company", "品牌": "Company", "巨头": "Company",
    "独角兽": "Company", "龙头": "Company", "高校": "University", "大学": "University",
    "院校": "University", "科研力量": "ResearchInstitute", "院所": "ResearchInstitute",
    "科研机构": "ResearchInstitute", "研究机构": "ResearchInstitute", "实验室": "ResearchInstitute",
    "机构": "Organization", "投资机构": "Fund", "基金": "Fund", "部门": "Government",
    "单位": "Organization",
}
_LIST_RE = re.compile(
    r"((?:[^、，,。；;：:“”《》\s]{2,14}、)+[^、，,。；;：:“”《》\s]{2,14})等(?:[近超逾约]?[\d一二三四五六七八九十百多数余]+家)?"
    r"([^、，,。；;：:“”《》\s]{0,14}?)(" + "|".join(sorted(_HEAD_LABELS, key=len, reverse=True)) + ")")
_BARE_LIST_RE = re.compile(
    r"((?:[^、，,。；;：:“”《》\s]{2,14}、)+[^、，,。；;：:“”《》\s]{2,14})等(?=[。，,；;！？!?]|$)")
_HEAD_WORDS = re.compile("|".join(sorted(_HEAD_LABELS, key=len, reverse=True)))
_LIST_LEAD = re.compile(r"^(?:.*?(?:包括|例如|比如|如|由|以及|还有|有|像|其中|聚集了|聚集|涌现出|涌现了|涌现|"
                        r"吸引了|吸引|培育了|培育|拥有|诞生了|诞生|集聚了|集聚|汇聚了|汇聚|代表|参与|参加|加入|出席|交付))")
_BRACKET = re.compile(r"《([^《》]{2,90})》")
_REPORT_WORDS = ("报告", "白皮书", "蓝皮书", "榜单", "名单", "强", "排行榜", "指数")
_POLICY_WORDS = ("方案", "措施", "计划", "意见", "规划", "通知", "办法", "政策", "条例", "纲要", "指南",
                 "行动", "若干规定", "细则", "清单", "征求意见稿）")
_MEDIA_WORDS = ("周刊", "日报", "晚报", "时报", "周报", "新闻", "杂志")
_MODEL = re.compile(r"(?:发布|推出|亮相|展示|研发)(?:了|的|出)?(?:新款|首款|新一代|最新)?"
                    r"(?:[\u4e00-\u9fff]{0,12}?)([a-z][a-z0-9\-+]*(?:\s?[a-z0-9\-+]+)?)")


def name_suffix(name: str) -> str:
    """The longest typing suffix ``name`` ends with, or ''."""
    return next((s for s in _SUFFIXES_BY_LAST.get(name[-1:], ()) if name.endswith(s)), "")


def suffix_label(name: str) -> str | None:
    """The label a name's suffix implies, or None."""
    suffix = name_suffix(name)
    return ORG_SUFFIXES[suffix] if suffix else None


def is_generic(name: str) -> bool:
    """True for common noun phrases that only look like names (人形机器人, 人工智能, 量子科技)."""
    if name in GENERIC or name in _STOP_WORDS:
        return True
    label_suffix = name_suffix(name)
    prefix = name[: len(name) - len(label_suffix)] if label_suffix else name
    dated = suffix_label(name) in {"Award", "Event"} and _EDITION.match(prefix)  # 2024年度…奖
    if not prefix or prefix in GENERIC or (prefix[0].isdigit() and not dated) or _COUNTED.search(name):
        return True
    if len(name) <= 4 and frequency(name) > 1000 and not label_suffix:
        words = tag(name)
        if len(words) != 1 or words[0][1] not in _PROPER_FLAGS:  # 国务院 (nt) is a name
            return True
    tokens = list(tag(prefix))
    if label_suffix in _COMPANY_SUFFIXES:  # 苏州机器人, 中国科技: a place and a common noun
        tokens = [(w, f) for w, f in tokens if f not in {"ns", "m", "q", "mq"}]
    return all(w in GENERIC or w in _STOP_WORDS for w, _ in tokens)


def _left_edge(sentence: str, end: int, suffix: str, known_ends: set[int]) -> int | None:
    """Start of the name ending at ``end`` (found with jieba over a window), or None.

    Walking left from the suffix, nouns, proper nouns, single characters and verbs rare in
    jieba's dictionary (具身, 共建) are kept; common verbs, function words and punctuation stop
    the name, and so does the end of a known name followed by a verb (某部授牌…).
    """
    window_start = max(0, end - 24)
    inside = {i for b in _IN_NAME_BRACKETS.finditer(sentence, window_start, end)
              if b.start() > 0 and _BOUNDARY.match(sentence, b.start() - 1) is None
              for i in (b.start(), b.end() - 1)}
    for m in _BOUNDARY.finditer(sentence, window_start, end):
        if m.start() not in inside:
            window_start = m.end()
    tokens = tag(sentence[window_start:end])
    start = end
    proper = False
    previous_flag = ""
    backwards = list(reversed(tokens))
    for k, (word, flag) in enumerate(backwards):
        in_suffix = end - start < len(suffix)
        rare = ((flag not in _FUNCTION_FLAGS or word in _DIRECTIONS)
                and (len(word) == 1 or frequency(word) < _RARE))
        adverb_like = flag == "d" and len(word) == 2 and word not in _STOP_WORDS  # 首都 tagged d
        # verbal nouns name what events, centres and bodies are about (发展大会, 建设推进大会)
        label = ORG_SUFFIXES.get(suffix)
        verbal = (flag == "vn" and label is not None and label not in _COMPANY_LABELS) or (
            flag == "v" and label == "Event")  # …城市建设推进大会
        bracket = start - len(word) in inside
        left = backwards[k + 1] if k + 1 < len(backwards) else ("", "")
        # an event's own verb between nouns (城市建设推进大会), not a verb opening the clause
        event_verb = verbal and left[1] in {"n", "ns", "nt", "nz"} and left[0] not in _STOP_WORDS
        # an institute's fields: 智能系统与控制研究所 (与 and a verb between nouns, not two bodies)
        inner_and = (word in {"与", "和"} and label in _INSTITUTION_LABELS
                     and left[1] in {"n", "vn", "v", "nt"} and not name_suffix(left[0])
                     and start - len(word) not in known_ends)
        field_verb = (label in _INSTITUTION_LABELS and flag in {"v", "vn"} and word not in _STOP_WORDS
                      and (left[0] in {"与", "和"} or left[1] in {"n", "nt", "nz", "ns"}))
        punctuation = flag == "x" and not word.isascii() and not bracket
        if not in_suffix and ((word in _STOP_WORDS and not event_verb and not inner_and) or punctuation
                              or (flag == "m" and not word.isascii())
                              or (flag not in _NAME_FLAGS and not rare and not adverb_like and not verbal
                                  and not field_verb and not inner_and)
                              or (start in known_ends and previous_flag.startswith("v"))):
            break
        start -= len(word)
        previous_flag = flag
        proper = proper or flag in _PROPER_FLAGS or (frequency(word) == 0 and len(word) >= 2)
        if end - start >= 20:
            break
    if end - start < len(suffix) + 2 or end - start > 24:
        return None
    if not proper and suffix in _COMPANY_SUFFIXES and end - start - len(suffix) < 2:
        return None
    if suffix in _PRODUCT_LIKE:  # 人形机器人, 物流服务机器人: categories unless the prefix is a name
        if any(c.isdigit() for c in sentence[start:end - len(suffix)]):
            return None  # s1机器人: a model, not a company
        prefix = tag(sentence[start:end - len(suffix)])
        places = _PROPER_FLAGS if suffix == "咨询" else _PROPER_FLAGS - {"ns"}
        if not prefix or not all((f in places or frequency(w) == 0) and w not in GENERIC
                                 for w, f in prefix):
            return None
    return start


def by_suffix(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """Organisations whose names end in a typing suffix."""
    found: list[Mention] = []
    taken = {i for m in known for i in range(m.start, m.end)}
    known_ends = {m.end - offset for m in known if m.label != "Region"}
    for at, suffix in suffix_hits(sentence):
        end = at + len(suffix)
        if (offset + end - 1) in taken or (suffix in _GOVERNMENT_SUFFIXES and sentence[end:end + 1] == "长"):
            continue
        if suffix in _PRODUCT_LIKE and sentence[max(0, at - 2):at] in GENERIC:
            continue  # 人形机器人, 人工智能: decided without jieba
        start = _left_edge(sentence, end, suffix, known_ends)
        if start is None:
            continue
        name = sentence[start:end]
        if suffix in _WEAK_SUFFIXES and not (suffix in _GOVERNMENT_SUFFIXES and _starts_with_place(name)):
            continue
        if is_generic(name):
            continue
        found.append(Mention(offset + start, offset + end, ORG_SUFFIXES[suffix], name,
                             how=f"suffix:{suffix}"))
    return _join_schools(sentence, offset, found, known)


def _starts_with_place(name: str) -> bool:
    """厦门市人才局, 思明区政府: a government name opens with a place."""
    first = tag(name)[0]
    return first[1] == "ns" and len(first[0]) >= 2 and len(name) > len(first[0]) + 1


def _is_parent(a: Mention, b: Mention) -> bool:
    """``a`` is a university or institute whose name opens ``b``'s (明德大学 in 明德大学…学院)."""
    return (a.label in _INSTITUTIONS and b.label in _INSTITUTIONS and a.start == b.start
            and a.end < b.end)


def _join_schools(sentence: str, offset: int, found: list[Mention], known: list[Mention]) -> list[Mention]:
    """A university (or institute) name followed closely by a school's name is one name (…大学…学院)."""
    out = [m for m in found if not any(_is_parent(a, m) for a in found)]
    out += [Mention(m.start, m.end, m.label, m.name, how=m.how, parent=a)
            for m in found for a in found if _is_parent(a, m)][:1]
    for a in found:
        for b in found + [k for k in known if k.start >= a.end]:
            gap = sentence[a.end - offset:b.start - offset]
            if (a.label in _INSTITUTIONS and b.label in _INSTITUTIONS and a.end <= b.start
                    and len(gap) <= 4 and not _BOUNDARY.search(gap) and gap not in _STOP_WORDS
                    and not any(w in _STOP_WORDS for w, _ in tag(gap))):
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
        start = _left_edge(sentence, end, "", known_ends)
        if start is None:
            continue
        name = sentence[start:end]
        if 2 <= len(name) <= 12 and not is_generic(name):
            label = suffix_label(name) or _HEAD_LABELS[m.group(1)]
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


def by_quotes(sentence: str, offset: int) -> list[Mention]:
    """Quoted names: ending in an event or organisation suffix (“…座谈会”), or released (发布…“X”)."""
    found: list[Mention] = []
    for m in _QUOTED_ANY.finditer(sentence):
        name = m.group(1)
        label = suffix_label(name)
        if label is None and len(name) <= 12 and _RELEASED.search(sentence[max(0, m.start() - 30):m.start()]):
            label = "Product"
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
    lists = [(m, _HEAD_LABELS[m.group(3)]) for m in _LIST_RE.finditer(sentence)]
    for m in _BARE_LIST_RE.finditer(sentence):
        heads = _HEAD_WORDS.findall(sentence, 0, m.start())
        lists.append((m, _HEAD_LABELS[heads[-1]] if heads else ""))
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


def strip_lead(text: str) -> int:
    """How many leading characters of ``text`` are not part of the name that ends it.

    Drops an introducing phrase (包括, 例如 …), everything up to a last 的, and leading
    prepositions, conjunctions and common verbs (到北辰集团 → 北辰集团).
    """
    lead = _LIST_LEAD.match(text)
    cut = lead.end() if lead else 0
    de = text.rfind("的", cut)
    if de >= 0:
        cut = de + 1
    for word, flag in tag(text[cut:]):
        if word in _STOP_WORDS or (flag in _LEAD_FLAGS and frequency(word) >= _RARE):
            cut += len(word)
        else:
            break
    return cut


def _list_item(item: str, start: int, offset: int, head_label: str) -> Mention | None:
    label = suffix_label(item) or head_label
    if not label:
        return None
    return Mention(offset + start, offset + start + len(item), label, item, how="list")


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
        for b in _BOUNDARY.finditer(sentence, org_start, m.start()):
            org_start = b.end()
        org = sentence[org_start:m.start()]
        cut = strip_lead(org)
        org_start += cut
        org = org[cut:].removesuffix("的")
        if not 2 <= len(org) <= 16 or is_generic(org) or re.search(r"\d|年|月|日", org):
            continue
        tokens = tag(org)
        if tokens and tokens[0][1] in {"v", "p", "c", "d", "r", "u", "uj"}:
            continue
        if m.group() in _TITLES_AFTER_NAMES and 2 <= len(org) <= 3 and org[0] in SURNAMES:
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
    if not "\u4e00" <= rest[:1] <= "\u9fff":
        return None
    tokens = tag(rest[:5], hmm=True)
    if tokens and tokens[0][1] in {"nr", "nrfg", "nrt"} and 2 <= len(tokens[0][0]) <= 3:
        word = tokens[0][0]
        return word[:-1] if len(word) == 3 and word[-1] in _AFTER_NAME else word
    return None


def by_bracket(sentence: str, offset: int) -> list[Mention]:
    """《…》 names of reports, policies and media."""
    found: list[Mention] = []
    for m in _BRACKET.finditer(sentence):
        name = re.sub(r"\s+", "", m.group(1))
        label = None
        if name.endswith(_MEDIA_WORDS):
            label = "Organization"
        elif any(w in name[-6:] for w in _REPORT_WORDS):
            label = "Report"
        elif any(w in name for w in _POLICY_WORDS):
            label = "Policy"
        if label:
            found.append(Mention(offset + m.start(1), offset + m.end(1), label, m.group(1), how="bracket"))
    return found


def by_model(sentence: str, offset: int) -> list[Mention]:
    """ASCII model names (with a digit or two or more letters) after a release verb."""
    found: list[Mention] = []
    for m in _MODEL.finditer(sentence):
        name = m.group(1).strip()
        if len(name) >= 2 and (any(c.isdigit() for c in name) or " " in name):
            found.append(Mention(offset + m.start(1), offset + m.start(1) + len(name), "Product", name,
                                 how="model"))
    return found


def discover(sentence: str, offset: int, known: list[Mention]) -> list[Mention]:
    """Every discovery rule over one Simplified sentence starting at ``offset`` of the article."""
    found = by_list(sentence, offset) + by_bracket(sentence, offset) + by_model(sentence, offset)
    found += by_quotes(sentence, offset) + by_copula(sentence, offset, known)
    found += by_context(sentence, offset)
    found += by_suffix(sentence, offset, known)
    found += by_title(sentence, offset, known)
    return found
