"""The words discovery reads names with: typing suffixes, titles, surnames, generic and stop words.

General Chinese news vocabulary, no article's names: a suffix types a name (科技 → Company,
大学 → University, 座谈会 → Event, 奖 → Award), a title sits between an organisation and a
person, and the generic and stop words tell a name's edge from the text around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

# A name's suffix types it; where several end a name the longest applies (基金会 over 基金).
NAME_SUFFIXES: dict[str, str] = {
    "创新中心": "InnovationCenter", "研究院": "ResearchInstitute", "研究所": "ResearchInstitute",
    "实验室": "ResearchInstitute", "科学院": "ResearchInstitute", "工程院": "ResearchInstitute",
    "研究中心": "ResearchInstitute", "大学": "University", "学院": "University",
    "股份有限公司": "Company", "有限公司": "Company", "有限责任公司": "Company",
    "机器人": "Company", "科技": "Company", "智能": "Company", "集团": "Company", "公司": "Company",
    "股份": "Company", "控股": "Company", "电子": "Company", "汽车": "Company", "机电": "Company",
    "动力": "Company", "基金": "Fund", "资本": "Fund", "投资": "Fund", "创投": "Fund", "科投": "Fund",
    "金控": "Fund", "产投": "Fund", "国投": "Fund", "资管": "Fund", "公会": "Organization",
    "咨询": "Organization", "基金会": "Organization", "协会": "Organization", "学会": "Organization",
    "商会": "Organization",
    "联盟": "Organization", "交易所": "Organization", "社区": "Organization",
    "委员会": "Government", "管委会": "Government", "人民政府": "Government", "政府": "Government",
    "办公厅": "Government", "局": "Government", "市委": "Government", "省委": "Government",
    "区委": "Government", "县委": "Government", "厅": "Government", "工作专班": "Government",
    "产业办": "Government",
}
# Events are named by suffix too (they are what 参与 and 主办 point to).
EVENT_SUFFIXES = ("座谈会", "研讨会", "大会", "论坛", "峰会", "博览会", "展览会", "大赛", "联赛", "马拉松",
                  "发布会", "开幕式", "年会", "交流会", "推介会", "晚会", "系列赛", "挑战赛", "锦标赛")
NAME_SUFFIXES.update(dict.fromkeys(EVENT_SUFFIXES, "Event"))
NAME_SUFFIXES.update({"奖": "Award", "大奖": "Award", "奖项": "Award"})
_SUFFIXES_BY_LAST: dict[str, list[str]] = {}
for _suffix in sorted(NAME_SUFFIXES, key=len, reverse=True):
    _SUFFIXES_BY_LAST.setdefault(_suffix[-1], []).append(_suffix)
# Every suffix occurrence, overlapping ones too (机器人 inside …机器人创新中心).
_SUFFIX_AUTOMATON = ahocorasick.Automaton()
for _suffix in NAME_SUFFIXES:
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
WEAK_SUFFIXES = frozenset({"局", "厅", "政府", "投资", "动力", "电子", "汽车", "股份", "控股",
                            "社区", "智能"})
# Prefixes that make a suffix name a common noun phrase (人形机器人, 具身智能, 量子科技).
GENERIC = frozenset(
    "人形 具身 人工 工业 服务 智能 扫地 护理 环卫 协作 特种 医疗 量子 科技 数字 信息 高新 前沿 新兴 "
    "一等 二等 三等 特等 金 银 铜 获 得 颁 该 此 大 "
    "未来 通用 家用 商用 消费级 四足 双足 仿生 机器 机器人 工业机器人 智能机器人 人形机器人 具身智能 "
    "人工智能 国产 本土 海外 全球 国际 国家 地方 省级 市级 区级 新型 大型 头部 龙头 创业 初创 "
    "该 其 这家 一家 多家 相关 上述 其他 各类 新 老 大 小 高校 企业 研发 产业 行业 创新 科创 "
    "民营 国有 投资 风险 天使 产业基金 引导 政府 硬科技 黑科技 高科技 陪伴 教育 养老 "
    "全球性 创新型 科技型 平台型 顶级 硬 高 领先 新锐 唯一 知名 领军 优质 本体 核心 下游 上游".split())
NAME_FLAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "nl", "ng", "eng", "j",
                         "x", "l", "an", "m", "b"})
RARE = 300  # jieba dictionary frequency below which a word is not a common verb
FUNCTION_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "r", "d", "y", "e", "o", "w",
                             "x", "f", "q", "m"})
PROPER_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "j"})
STOP_WORDS = frozenset(
    "的 与 和 及 以及 或 在 由 对 从 向 为 被 把 将 等 了 是 据 让 给 于 以 而 也 还 并 即 如 "
    "包括 例如 比如 其中 作为 同时 此外 目前 近日 今年 去年 已经 已 还有 有 像 这 那 该 旗下 "
    "成立 设立 创立 创办 牵头 联合 支持 推动 发布 推出 加入 参与 形成 带动 吸引 培育 打造 聚集 "
    "拥有 包含 涌现 出现 诞生 建设 落地 来自 依托 位于 多 个 家 名 位 首批 一批 一些 众多 大批 "
    "知名 头部 龙头 优秀 重点 代表 代表性 国内 国外 本地 当地 全国 企业 公司 团队 获批 授牌 揭牌 挂牌 "
    "组建 筹建 升级 入选 获评 认定 注册 获 荣获 获得 获颁 身为 成为 担任 出任 收购 投资 控股 举行 举办 召开 "
    "宣布 表示 称 显示 透露 签约 签署 携手 联手 与其 对于 关于 通过 经过 随着 目前 拟 拟与 将与 已与".split())
BOUNDARY = re.compile(r"[，,。；;：:！？!?、（）()“”\"'《》「」『』【】\s·—…/]")
# Titles next to person names, longest first.
TITLES = sorted(
    "联合创始人 联合创办人 创始人 创办人 董事长 副董事长 董事 首席执行官 首席技术官 首席科学家 "
    "CEO CTO COO 总经理 副总经理 总裁 副总裁 院长 副院长 常务副院长 执行院长 校长 副校长 "
    "协理副校长 党委书记 书记 院士 教授 副教授 研究员 局长 副局长 厅长 主任 副主任 所长 会长 "
    "副会长 理事长 秘书长 负责人 总负责人 合伙人 创始合伙人 管理合伙人 委员 常委 市长 区长 "
    "部长 总监 主席 总工程师 处长 科长 首席运营官 首席财务官 首席产品官 执行董事 CFO 记者 作者 "
    "主编 社长 执行长 共同执行长 营运长 技术长 财务长 主任委员 副主任委员 主委 副主委 行政总裁 行政长官 "
    "署理行政长官 首席人工智能科学家 主任工程师 产品经理 "
    "管理合伙人 董事局主席 董事会主席 副总工程师 首席品牌官 "
    "主管合伙人 执行合伙人 投资合伙人 执行总裁 高级副总裁 执行副总裁 资深副总裁 董事总经理 "
    "首席战略官 首席营销官 首席架构师 首席工程师 联席CEO 联席首席执行官 总编辑 副总编辑 投资总监 "
    "副市长 副区长 省长 副省长 县长 副县长 副秘书长 董事会秘书 监事会主席 首席AI科学家 "
    "首席人工智能官 首席研究员 总工".split(), key=len, reverse=True)
_TITLE_RE = "(?:" + "|".join(re.escape(t.lower()) for t in TITLES) + ")"
DEPARTMENT = r"[\u4e00-\u9fff]{1,6}?(?:中心|事业部|事业群|事业处|研究部|办公室|部门|部|处|办|系|组|团队)"
"""A department between an organisation and a title (财务处 in 副院长兼财务处处长)."""
TITLE_CHAIN = re.compile(rf"{_TITLE_RE}(?:兼(?:{DEPARTMENT})?{_TITLE_RE}|[和、及]?{_TITLE_RE})*")
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤颜常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
    "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝黄")
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 端木 夏侯".split())
AFTER_NAME = frozenset("曾说在也等和与称是为就则将")
INSTITUTIONS = frozenset({"University", "ResearchInstitute"})
LEAD_FLAGS = frozenset({"p", "v", "c", "d", "r", "u", "uj", "f", "t"})
INSTITUTION_LABELS = frozenset({"University", "ResearchInstitute", "InnovationCenter", "Organization"})
COMPANY_LABELS = frozenset({"Company", "Fund"})
DIRECTIONS = frozenset("中东南西北")  # tagged f, yet they open many names (中南, 东方)
GOVERNMENT_SUFFIXES = frozenset({"局", "厅", "政府"})
TITLES_AFTER_NAMES = frozenset({"教授", "院士", "研究员", "副教授", "博士"})
PRODUCT_LIKE = frozenset({"机器人", "智能", "公司", "咨询"})
COMPANY_SUFFIXES = frozenset({"科技", "智能", "机器人", "集团", "公司"})
HEAD_LABELS: dict[str, str] = {
    "企业": "Company", "公司": "Company", "厂商": "Company", "品牌": "Company", "巨头": "Company",
    "独角兽": "Company", "龙头": "Company", "高校": "University", "大学": "University",
    "院校": "University", "科研力量": "ResearchInstitute", "院所": "ResearchInstitute",
    "科研机构": "ResearchInstitute", "研究机构": "ResearchInstitute", "实验室": "ResearchInstitute",
    "机构": "Organization", "投资机构": "Fund", "基金": "Fund", "部门": "Government",
    "单位": "Organization", "合作伙伴": "Company", "合资伙伴": "Company", "合资方": "Company",
}
REPORT_WORDS = ("报告", "白皮书", "蓝皮书", "榜单", "名单", "强", "排行榜", "指数")
POLICY_WORDS = ("方案", "措施", "计划", "意见", "规划", "通知", "办法", "政策", "条例", "纲要", "指南",
                 "行动", "若干规定", "细则", "清单", "征求意见稿）")
QUANTIFIED = re.compile(r"(?:[各众诸]|(?:[多数几]|[一二两三四五六七八九十百\d]+)[个家所位名批类])$")
"""A count right before a suffix name makes it a category (多个产业协会, 三家公司)."""
DEPARTMENT_WORDS = ("事业群", "事业部", "事业处", "研究部", "办公室", "部门", "中心", "部", "处")
"""Ends of department names: a title after one names a unit of some organisation, not the organisation."""
MEDIA_WORDS = ("周刊", "日报", "晚报", "时报", "周报", "新闻", "杂志")


@lru_cache(maxsize=65536)
def name_suffix(name: str) -> str:
    """The longest typing suffix ``name`` ends with, or '' (the rules ask it of one name often)."""
    return next((s for s in _SUFFIXES_BY_LAST.get(name[-1:], ()) if name.endswith(s)), "")


def suffix_label(name: str) -> str | None:
    """The label a name's suffix implies, or None."""
    suffix = name_suffix(name)
    return NAME_SUFFIXES[suffix] if suffix else None
