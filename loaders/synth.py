"""Synthetic ecosystems in the curated data format, for scale tests and benchmarks.

:func:`write_synthetic` writes ``sources.yaml``, ``entities/<label>.yaml`` and
``relations/<source>.yaml`` (one flow mapping per line) that the normal loaders read. Labels come
in fixed proportions; relation endpoints are drawn from a mixture of a uniform and a Zipf law per
label, so a few hubs (big tech firms, government funds, city governments, cities) gather
thousands of links while the median entity has a handful. Every relation type of the ontology
appears with its allowed label pairs and plausible qualifiers. The output depends only on the
node count, the relationship count and the seed.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.ontology import CURRENCIES, LABELS, RELATION_TYPES
from loaders.curated import label_file_stem

LABEL_SHARES: dict[str, float] = {
    "Company": 0.44, "Person": 0.22, "Product": 0.09, "FundingRound": 0.08, "Fund": 0.03,
    "Organization": 0.03, "Policy": 0.025, "Event": 0.025, "Government": 0.015,
    "ResearchInstitute": 0.012, "Report": 0.01, "University": 0.008, "Facility": 0.005,
    "InnovationCenter": 0.004, "Award": 0.003, "Region": 0.003,
}
"""Share of nodes per label (a robotics ecosystem is mostly companies and people)."""

TYPE_SHARES: dict[str, float] = {
    "位于": 0.12, "合作": 0.12, "任职": 0.10, "投资": 0.10, "参与": 0.10, "研发": 0.08,
    "发布": 0.07, "获得": 0.05, "隶属": 0.05, "入选": 0.04, "创立": 0.04, "牵头": 0.03,
    "设立": 0.03, "孵化": 0.02, "交付": 0.02, "主办": 0.02, "认定": 0.01,
}
"""Share of the relationships besides 融资 (one per funding round)."""

PAIR_BOOST: dict[tuple[str, str, str], float] = {
    ("投资", "Fund", "FundingRound"): 60.0, ("投资", "Company", "FundingRound"): 8.0,
    ("投资", "Government", "Fund"): 10.0, ("投资", "Region", "Fund"): 10.0,
    ("任职", "Person", "Company"): 4.0, ("创立", "Person", "Company"): 6.0,
    ("位于", "Company", "Region"): 3.0, ("设立", "Government", "Fund"): 20.0,
    ("设立", "Region", "Policy"): 10.0, ("发布", "Government", "Policy"): 30.0,
    ("获得", "Company", "Policy"): 5.0, ("认定", "Government", "InnovationCenter"): 30.0,
}
"""Pair weights besides ``size(source) * sqrt(size(target))``: who really invests, employs, issues."""

HUB_SHARE = 0.3
"""Share of endpoints drawn from the Zipf law (the rest uniformly): this makes the hubs."""
ZIPF_EXPONENT = 1.05
N_SOURCES = 20

ID_PREFIX = {
    "Company": "company", "InnovationCenter": "centre", "Fund": "fund", "University": "univ",
    "ResearchInstitute": "inst", "Policy": "policy", "Government": "gov", "Organization": "org",
    "Person": "person", "Product": "product", "Event": "event", "Region": "region",
    "FundingRound": "round", "Report": "report", "Award": "award", "Facility": "facility",
}

_A = "华云星智擎天启明创新达宇航芯源腾飞瑞博远景微光灵动卓越联众恒通海川鼎盛"
_B = "科技智能机器精工数字视觉动力感知信息材料装备电子能源医疗物联"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文"
KIND = {
    "Company": "有限公司", "InnovationCenter": "创新中心", "Fund": "产业基金", "University": "大学",
    "ResearchInstitute": "研究院", "Policy": "行动方案", "Government": "委员会", "Organization": "协会",
    "Product": "机器人", "Event": "大会", "Region": "区", "Report": "白皮书", "Award": "创新奖",
    "Facility": "智算中心",
}
HUB_NAMES = {"Company": "巨擘科技集团", "Fund": "政府引导基金", "Government": "市人民政府",
             "Region": "市"}
ROLES = {
    "任职": ("董事长", "首席执行官", "首席科学家", "总经理", "院长", "教授", "主任", "副总裁"),
    "参与": ("首批参与", "发言", "出席", "成员单位"), "牵头": ("牵头单位", "联合牵头"),
    "合作": ("战略合作", "联合研发", "共建实验室"), "创立": ("创始人", "联合创始人"),
    "主办": ("主办", "承办", "协办"), "认定": ("授牌", "获批"), "投资": ("领投", "跟投"),
}
SECTORS = ("人形机器人", "具身智能", "激光雷达", "工业机器人", "大模型", "灵巧手", "服务机器人", "自动驾驶")
ROUNDS = ("天使轮", "Pre-A轮", "A轮", "A+轮", "B轮", "C轮", "战略融资", "IPO")


@dataclass
class SynthSummary:
    """What :func:`write_synthetic` wrote."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    max_degree: int = 0
    median_degree: float = 0.0
    files: int = 0


class _Sampler:
    """Indices of one label's nodes: Zipf-distributed (rank 0 the biggest hub) or uniform."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n = n
        self.rng = rng
        total = 0.0
        self.cum: list[float] = []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** ZIPF_EXPONENT
            self.cum.append(total)
        self.total = total

    def draw(self) -> int:
        rng = self.rng
        if rng.random() < HUB_SHARE:
            return min(bisect_left(self.cum, rng.random() * self.total), self.n - 1)
        return rng.randrange(self.n)


def label_counts(n_nodes: int) -> dict[str, int]:
    """Nodes per label for ``n_nodes`` (at least 3 of each label; Company takes the rounding)."""
    counts = {label: max(3, int(n_nodes * share)) for label, share in LABEL_SHARES.items()}
    counts["Company"] += n_nodes - sum(counts.values())
    if counts["Company"] < 3:
        raise ValueError(f"--nodes {n_nodes} is too small: at least {3 * len(LABEL_SHARES) + 3}")
    return counts


def _node_id(label: str, i: int) -> str:
    return f"{ID_PREFIX[label]}-{i:07d}"


def _name(label: str, i: int) -> str:
    if label == "Person":
        s, g = len(_SURNAMES), len(_GIVEN)
        base = _SURNAMES[i % s] + _GIVEN[(i // s) % g] + _GIVEN[(i // (s * g)) % g]
        return base + (str(i // (s * g * g)) if i >= s * g * g else "")
    if label == "FundingRound":
        return f"融资轮次{i}"
    if i < 10 and label in HUB_NAMES:
        return f"{HUB_NAMES[label]}{i + 1}号"
    a, b = len(_A), len(_B) // 2
    base = _A[i % a] + _A[(i // a) % a] + _B[2 * ((i // (a * a)) % b): 2 * ((i // (a * a)) % b) + 2]
    return base + KIND[label] + (str(i // (a * a * b)) if i >= a * a * b else "")


def _date(rng: random.Random, lo: int = 2010, hi: int = 2025) -> str:
    year = rng.randint(lo, hi)
    if rng.random() < 0.5:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _amount(rng: random.Random) -> int:
    return int(10 ** rng.uniform(6, 10)) // 10_000 * 10_000


def _currency(rng: random.Random) -> str:
    return rng.choices(CURRENCIES, weights=(85, 5, 10))[0]


def _flow(pairs: list[tuple[str, str]]) -> str:
    return "- {" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}\n"


def _entity_line(label: str, i: int, rng: random.Random, regions: int, n_sources: int) -> str:
    node_id = _node_id(label, i)
    pairs = [("id", node_id), ("name", _name(label, i))]
    if rng.random() < 0.3 and label not in ("Person", "FundingRound"):
        pairs.append(("name_en", f"Synth {ID_PREFIX[label].title()} {i}"))
    if rng.random() < 0.2 and label in ("Company", "Organization", "University"):
        pairs.append(("aliases", f"[{_name(label, i)[:4]}{i}]"))
    if label != "Region" and rng.random() < 0.8:
        pairs.append(("region", _node_id("Region", rng.randrange(regions))))
    if rng.random() < 0.5 and label not in ("Person", "FundingRound", "Event"):
        pairs.append(("founded", f"'{_date(rng, 1950, 2024)}'"))
    extra: dict[str, Callable[[], list[tuple[str, str]]]] = {
        "Company": lambda: [("sector", rng.choice(SECTORS)),
                            ("listed", "true" if rng.random() < 0.05 else "false")],
        "InnovationCenter": lambda: [("level", rng.choice(("national-local", "provincial", "corporate")))],
        "Fund": lambda: [("fund_type", rng.choice(("government-guidance", "state-vc", "vc", "industry"))),
                         ("size", str(_amount(rng) * 10)), ("currency", _currency(rng))],
        "Policy": lambda: [("issued", f"'{_date(rng, 2018)}'"),
                           ("policy_type", rng.choice(("action-plan", "measures", "voucher", "programme"))),
                           ("period", "2025-2027")],
        "Government": lambda: [("level", rng.choice(("national", "provincial", "municipal", "district")))],
        "Organization": lambda: [("org_type", rng.choice(("association", "exchange", "media", "other")))],
        "Person": lambda: [("honours", "[中国工程院院士]")] if rng.random() < 0.01 else [],
        "Product": lambda: [("product_type", rng.choice(("humanoid-robot", "model", "platform", "other")))],
        "Event": lambda: [("date", f"'{_date(rng, 2018)}'"),
                          ("event_type", rng.choice(("symposium", "fair")))],
        "Region": lambda: [("level", rng.choice(("province", "city", "district", "zone")))],
        "FundingRound": lambda: [("round", rng.choice(ROUNDS)), ("date", f"'{_date(rng, 2015)}'"),
                                 ("amount", str(_amount(rng))), ("currency", _currency(rng)),
                                 ("amount_approx", "true" if rng.random() < 0.3 else "false")],
        "Report": lambda: [("date", f"'{_date(rng, 2018)}'"),
                           ("report_type", rng.choice(("research-report", "white-paper", "ranking")))],
        "Award": lambda: [("year", str(rng.randint(2000, 2025)))],
        "Facility": lambda: [("capacity", f"{rng.randint(1, 50) * 100}P")],
    }
    if label in extra:
        pairs += extra[label]()
    pairs.append(("sources", f"[synthetic_{rng.randrange(n_sources):03d}]"))
    pairs.append(("description", f"合成数据：{KIND.get(label, '人物')}。"))
    return _flow(pairs)


def _qualifiers(rel_type: str, target_label: str, rng: random.Random) -> list[tuple[str, str]]:
    names = {q.name for q in next(r for r in RELATION_TYPES if r.name == rel_type).qualifiers}
    out: list[tuple[str, str]] = []
    if "date" in names and rng.random() < 0.6:
        out.append(("date", f"'{_date(rng)}'"))
    if "role" in names and rel_type in ROLES and rng.random() < 0.5:
        out.append(("role", rng.choice(ROLES[rel_type])))
    if "lead" in names and target_label == "FundingRound" and rng.random() < 0.3:
        out.append(("lead", "true"))
    if "amount" in names and rng.random() < 0.3:
        out += [("amount", str(_amount(rng))), ("currency", _currency(rng))]
    if "quantity" in names and rng.random() < 0.7:
        out.append(("quantity", str(rng.randint(1, 500))))
    return out


def _type_counts(n_rels: int, rounds: int) -> dict[str, int]:
    rest = max(0, n_rels - rounds)
    total = sum(TYPE_SHARES.values())
    counts = {t: max(1, round(rest * s / total)) for t, s in TYPE_SHARES.items()}
    counts["合作"] += rest - sum(counts.values())
    return counts | {"融资": rounds}


def write_synthetic(out: Path, n_nodes: int, seed: int = 7, n_rels: int | None = None) -> SynthSummary:
    """Write a synthetic ecosystem of ``n_nodes`` nodes (and ``n_rels``, default 5×) into ``out``.

    Raises:
        ValueError: for too few nodes, or a directory that already holds data.
    """
    if (out / "sources.yaml").exists():
        raise ValueError(f"{out} already holds a data directory; choose an empty --out")
    counts = label_counts(n_nodes)
    n_rels = 5 * n_nodes if n_rels is None else n_rels
    rng = random.Random(seed)
    summary = SynthSummary(nodes=dict(counts))
    (out / "entities").mkdir(parents=True, exist_ok=True)
    (out / "relations").mkdir(parents=True, exist_ok=True)
    sources = [f"synthetic_{i:03d}" for i in range(N_SOURCES)]
    with open(out / "sources.yaml", "w", encoding="utf-8") as f:
        f.write(f"# Synthetic sources: ecokg synth --nodes {n_nodes} --seed {seed}\n")
        for i, source in enumerate(sources):
            f.write(f"- {{id: {source}, publisher: 合成数据, title: 合成来源{i}, date: '2025-01', "
                    "script: Simplified}\n")
    for label in LABELS:
        stem = label_file_stem(label.name)
        with open(out / "entities" / f"{stem}.yaml", "w", encoding="utf-8") as f:
            f.write(f"# {label.name} ({label.zh}): synthetic entities\n")
            f.writelines(_entity_line(label.name, i, rng, counts["Region"], N_SOURCES)
                         for i in range(counts[label.name]))
    summary.relationships = _write_relations(out, counts, n_rels, sources, rng, summary)
    summary.files = 1 + len(LABELS) + len(sources)
    return summary


def _write_relations(out: Path, counts: dict[str, int], n_rels: int, sources: list[str],
                     rng: random.Random, summary: SynthSummary) -> dict[str, int]:
    samplers = {label: _Sampler(n, rng) for label, n in counts.items()}
    degree: Counter[tuple[str, int]] = Counter()
    files = [open(out / "relations" / f"{s}.yaml", "w", encoding="utf-8") for s in sources]  # noqa: SIM115
    written: dict[str, int] = {}
    try:
        for f, source in zip(files, sources, strict=True):
            f.write(f"# Relations stated in {source} (synthetic)\n")
        cycle = itertools.cycle(files)
        raisers = [("Company", 0.9), ("InnovationCenter", 0.05), ("ResearchInstitute", 0.05)]
        for i in range(counts["FundingRound"]):
            label = rng.choices([r for r, _ in raisers], weights=[w for _, w in raisers])[0]
            src = samplers[label].draw()
            degree[(label, src)] += 1
            degree[("FundingRound", i)] += 1
            line = [("type", "融资"), ("from", _node_id(label, src)), ("to", _node_id("FundingRound", i)),
                    ("span", _span(rng))] + _qualifiers("融资", "FundingRound", rng)
            next(cycle).write(_flow(line))
        written["融资"] = counts["FundingRound"]
        for rel in RELATION_TYPES:
            if rel.name == "融资":
                continue
            want = _type_counts(n_rels, counts["FundingRound"])[rel.name]
            pairs = [(a, b) for a, b in rel.pairs]
            cum = list(itertools.accumulate(
                counts[a] * counts[b] ** 0.5 * PAIR_BOOST.get((rel.name, a, b), 1.0) for a, b in pairs))
            seen: set[tuple[str, int, str, int]] = set()
            n = 0
            attempts = 0
            while n < want and attempts < want * 20:
                attempts += 1
                a, b = rng.choices(pairs, cum_weights=cum)[0]
                s, t = samplers[a].draw(), samplers[b].draw()
                if (a == b and s == t) or (a, s, b, t) in seen:
                    continue
                seen.add((a, s, b, t))
                degree[(a, s)] += 1
                degree[(b, t)] += 1
                line = [("type", rel.name), ("from", _node_id(a, s)), ("to", _node_id(b, t)),
                        ("span", _span(rng))] + _qualifiers(rel.name, b, rng)
                next(cycle).write(_flow(line))
                n += 1
            written[rel.name] = n
    finally:
        for f in files:
            f.close()
    degrees = sorted(degree.values())
    total_nodes = sum(counts.values())
    zeros = total_nodes - len(degrees)
    summary.max_degree = degrees[-1] if degrees else 0
    mid = total_nodes // 2
    summary.median_degree = 0 if mid < zeros else degrees[mid - zeros]
    return {rel.name: written.get(rel.name, 0) for rel in RELATION_TYPES}


def _span(rng: random.Random) -> str:
    start = rng.randrange(0, 20_000)
    return f"[{start}, {start + rng.randint(20, 300)}]"
