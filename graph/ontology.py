"""The ecokg ontology: node labels, relation types, qualifiers — the single source of truth.

Neo4j constraints, LadybugDB DDL, the RDF vocabulary, API enums and the colours of the ego
view are all derived from the declarations in this module; nothing else lists labels or types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Literal

PropertyType = Literal["string", "string[]", "int", "float", "bool", "date", "amount", "currency"]
"""Value kinds. ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``amount`` a non-negative number."""

CURRENCIES: tuple[str, ...] = ("CNY", "HKD", "USD")


@dataclass(frozen=True)
class Property:
    """A property of a node label or a qualifier of a relation type."""

    name: str
    type: PropertyType
    description: str
    required: bool = False


@dataclass(frozen=True)
class NodeLabel:
    """A node label with its display style and label-specific properties."""

    name: str
    zh: str
    description: str
    color: str
    shape: str
    properties: tuple[Property, ...] = ()


@dataclass(frozen=True)
class RelationType:
    """A relation type, named in Chinese as users say it, with its allowed endpoint pairs."""

    name: str
    gloss: str
    description: str
    pairs: tuple[tuple[str, str], ...]
    qualifiers: tuple[Property, ...] = ()
    symmetric: bool = False
    ascii_name: str = field(default="")

    def allows(self, source_label: str, target_label: str) -> bool:
        """True when ``source_label -> target_label`` is an allowed pair (either way if symmetric)."""
        if (source_label, target_label) in self.pairs:
            return True
        return self.symmetric and (target_label, source_label) in self.pairs


# --- properties shared by every label -------------------------------------------------------

COMMON_PROPERTIES: tuple[Property, ...] = (
    Property("id", "string", "Stable ASCII identifier (lowercase, digits, hyphens).", required=True),
    Property("name", "string", "Canonical name in Simplified Chinese.", required=True),
    Property("name_en", "string", "English name, where one is known."),
    Property("aliases", "string[]", "Every other surface form seen: Traditional, short, English."),
    Property("region", "string", "Id of the Region node the entity is based in."),
    Property("founded", "date", "Founding or start date."),
    Property("description", "string", "A short description in our own words."),
    Property("sources", "string[]", "Ids of the source articles that name the entity.", required=True),
)

# --- node labels -------------------------------------------------------------------------------


def _p(name: str, type_: PropertyType, description: str) -> Property:
    return Property(name, type_, description)


LABELS: tuple[NodeLabel, ...] = (
    NodeLabel(
        "Company", "企业", "A company or corporate group.", "#4e79a7", "dot",
        (_p("sector", "string", "Main business, e.g. 人形机器人, 激光雷达."),
         _p("listed", "bool", "Publicly listed.")),
    ),
    NodeLabel(
        "InnovationCenter", "创新中心", "A national, provincial or corporate innovation centre.",
        "#e15759", "star",
        (_p("level", "string", "national-local | provincial | corporate."),
         _p("legal_name", "string", "Name of the operating legal entity.")),
    ),
    NodeLabel(
        "Fund", "基金", "An investment fund or investment institution.", "#f28e2b", "diamond",
        (_p("fund_type", "string", "government-guidance | state-vc | vc | industry."),
         _p("size", "amount", "Fund size."), _p("currency", "currency", "Currency of size.")),
    ),
    NodeLabel("University", "高校", "A university or one of its schools.", "#59a14f", "triangle"),
    NodeLabel(
        "ResearchInstitute", "研究机构", "A research institute, laboratory or academy.", "#76b7b2",
        "triangleDown",
    ),
    NodeLabel(
        "Policy", "政策", "A policy document, plan or support instrument (e.g. vouchers).", "#edc948",
        "box",
        (_p("issued", "date", "Date of issue."),
         _p("policy_type", "string", "action-plan | measures | voucher | programme | fund-plan."),
         _p("period", "string", "Period the policy covers, e.g. 2025-2027.")),
    ),
    NodeLabel(
        "Government", "政府机构", "A government body, department or committee.", "#b07aa1", "hexagon",
        (_p("level", "string", "national | provincial | municipal | district."),),
    ),
    NodeLabel(
        "Organization", "组织", "An association, exchange, media outlet or other organisation.",
        "#9c755f", "ellipse",
        (_p("org_type", "string", "association | exchange | media | bank | consultancy | other."),),
    ),
    NodeLabel(
        "Person", "人物", "A person.", "#ff9da7", "dot",
        (_p("honours", "string[]", "Titles such as 中国工程院院士."),),
    ),
    NodeLabel(
        "Product", "产品", "A product, model, platform or technology.", "#17becf", "square",
        (_p("product_type", "string", "humanoid-robot | model | platform | algorithm | other."),),
    ),
    NodeLabel(
        "Event", "活动", "A conference, symposium, competition or launch.", "#bab0ac", "dot",
        (_p("date", "date", "When it took place."), _p("event_type", "string", "symposium | fair | ...")),
    ),
    NodeLabel(
        "Region", "地区", "A country, province, city, district or zone.", "#8cd17d", "ellipse",
        (_p("level", "string", "country | province | city | district | zone | area."),),
    ),
    # Added: financing rounds as nodes (as Crunchbase does) so that a round exists with or
    # without named investors, and investors attach to it with a lead flag.
    NodeLabel(
        "FundingRound", "融资轮次", "One financing round of one company.", "#d4a6c8", "diamond",
        (_p("round", "string", "Round as stated: 天使轮, A+轮, Pre A+轮, 配售."),
         _p("date", "date", "Announcement date."), _p("amount", "amount", "Amount raised."),
         _p("currency", "currency", "Currency of amount."),
         _p("amount_approx", "bool", "True when the amount is a lower bound such as 数千万."),
         _p("amount_text", "string", "The amount as stated, e.g. 数千万元.")),
    ),
    # Added: reports, white papers and rankings are what 入选 and many 发布 statements point to.
    NodeLabel(
        "Report", "报告", "A research report, white paper or ranking list.", "#86bcb6", "box",
        (_p("date", "date", "Publication date."),
         _p("report_type", "string", "research-report | white-paper | ranking.")),
    ),
    # Added: awards are what companies 获得 besides policy support.
    NodeLabel("Award", "奖项", "A prize or award.", "#f1ce63", "star", (_p("year", "int", "Award year."),)),
    # Added: compute centres and other infrastructure are neither organisations nor products.
    NodeLabel(
        "Facility", "设施", "Infrastructure such as an intelligent-computing centre.", "#a0cbe8", "square",
        (_p("capacity", "string", "Stated capacity, e.g. 3000P Flops."),),
    ),
)

# --- qualifiers ------------------------------------------------------------------------------

DATE = Property("date", "date", "When the relation was stated to happen.")
ROLE = Property("role", "string", "Role or title, e.g. 董事长, 发言, 首批参与.")
AMOUNT = Property("amount", "amount", "Amount involved.")
CURRENCY = Property("currency", "currency", "Currency of amount.")
LEAD = Property("lead", "bool", "The investor led the round.")
QUANTITY = Property("quantity", "int", "Number of units.")
NOTE = Property("note", "string", "A short qualifier in our own words.")

_ORGS = ("Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
         "Organization", "Fund")
_ALL = tuple(label.name for label in LABELS)


def _pairs(sources: tuple[str, ...], targets: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((s, t) for s in sources for t in targets)


RELATION_TYPES: tuple[RelationType, ...] = (
    RelationType(
        "牵头", "leads", "Leads the founding or running of a centre, alliance, project or event.",
        # Person: a professor's research team co-founds a centre (the Zhejiang humanoid centre).
        _pairs(_ORGS + ("Person",), ("InnovationCenter", "Organization", "ResearchInstitute", "Event",
                                    "Product")),
        (DATE, ROLE, NOTE), ascii_name="leads",
    ),
    RelationType(
        "融资", "raises", "Raises the funding round (company → round).",
        _pairs(("Company", "InnovationCenter", "ResearchInstitute"), ("FundingRound",)),
        (DATE, NOTE), ascii_name="raises",
    ),
    RelationType(
        "投资", "invests in", "Invests in a round, company or fund; lead=true marks the lead investor.",
        # Region: a city or district investing its state capital (Shenzhen and Nanshan in 科创学院).
        _pairs(("Fund", "Company", "Government", "Organization", "Person", "Region"),
               ("FundingRound", "Company", "Fund", "InnovationCenter", "ResearchInstitute",
                "Organization")),
        (DATE, LEAD, AMOUNT, CURRENCY, ROLE, NOTE), ascii_name="invests_in",
    ),
    RelationType(
        "合作", "cooperates with", "Cooperates with (symmetric).",
        _pairs(_ORGS + ("Person",), _ORGS + ("Person",)),
        (DATE, ROLE, NOTE), symmetric=True, ascii_name="cooperates_with",
    ),
    RelationType(
        "参与", "participates in", "Takes part in an event, centre, project or product effort.",
        _pairs(_ORGS + ("Person",), ("Event", "InnovationCenter", "Product", "Organization",
                                    "Policy")),
        (DATE, ROLE, NOTE), ascii_name="participates_in",
    ),
    RelationType(
        "孵化", "incubates", "Incubated the company, project or product.",
        _pairs(_ORGS, ("Company", "Product", "Organization")),
        (DATE, NOTE), ascii_name="incubates",
    ),
    RelationType(
        "发布", "publishes", "Publishes or releases a product, policy, report or tool.",
        # Region: news text often names the city itself as the actor that issues a plan.
        _pairs(_ORGS + ("Person", "Region"), ("Product", "Policy", "Report")),
        (DATE, NOTE), ascii_name="publishes",
    ),
    RelationType(
        "获得", "receives", "Receives support under a policy (vouchers, funds) or an award.",
        _pairs(_ORGS + ("Person", "Product"), ("Policy", "Award")),
        (DATE, AMOUNT, CURRENCY, NOTE), ascii_name="receives",
    ),
    RelationType(
        "设立", "establishes", "Establishes a fund, body, school, programme or facility.",
        _pairs(_ORGS + ("Region",), _ORGS + ("Policy", "Facility", "Event")),
        (DATE, AMOUNT, CURRENCY, NOTE), ascii_name="establishes",
    ),
    RelationType(
        "任职", "holds position at", "A person holds a position at an organisation.",
        _pairs(("Person",), _ORGS), (ROLE, DATE, NOTE), ascii_name="holds_position_at",
    ),
    RelationType(
        "创立", "founds", "Founded (or co-founded) a company or organisation.",
        _pairs(("Person", "Company", "University", "Government"), _ORGS + ("Event",)),
        (DATE, ROLE, NOTE), ascii_name="founds",
    ),
    RelationType(
        "交付", "delivers to", "Delivers products to a customer.",
        _pairs(("Company", "InnovationCenter"), _ORGS),
        (DATE, QUANTITY, NOTE), ascii_name="delivers_to",
    ),
    RelationType(
        "入选", "is listed in", "Is selected into a ranking, list or programme.",
        _pairs(_ORGS + ("Person", "Product"), ("Report", "Policy", "Award")),
        (DATE, NOTE), ascii_name="listed_in",
    ),
    RelationType(
        "位于", "is located in", "Is located in a region.",
        _pairs(_ORGS + ("Facility", "Event"), ("Region",)), (NOTE,), ascii_name="located_in",
    ),
    RelationType(
        "隶属", "is part of", "Is part of, or subordinate to (subsidiary, department, sub-region).",
        _pairs(_ORGS, _ORGS) + (("Region", "Region"), ("Facility", "Organization"),
                                ("Facility", "Company"), ("Facility", "ResearchInstitute")),
        (NOTE,), ascii_name="part_of",
    ),
    RelationType(
        "研发", "develops", "Develops a product, model or technology.",
        _pairs(_ORGS + ("Person",), ("Product",)), (DATE, NOTE), ascii_name="develops",
    ),
    RelationType(
        "主办", "hosts", "Hosts or organises an event.",
        _pairs(_ORGS + ("Region",), ("Event",)), (DATE, ROLE, NOTE), ascii_name="hosts",
    ),
    # Added: accreditation of innovation centres (授牌, 获批, 升级为) is stated for every centre.
    RelationType(
        "认定", "accredits", "A government body approves or accredits a centre or organisation.",
        _pairs(("Government",), _ORGS), (DATE, ROLE, NOTE), ascii_name="accredits",
    ),
)


# --- derived views ---------------------------------------------------------------------------

@cache
def labels_by_name() -> dict[str, NodeLabel]:
    """Labels keyed by name."""
    return {label.name: label for label in LABELS}


@cache
def relation_types_by_name() -> dict[str, RelationType]:
    """Relation types keyed by their Chinese name."""
    return {rel.name: rel for rel in RELATION_TYPES}


def label_properties(label: str) -> tuple[Property, ...]:
    """All properties of ``label``: the common ones, then its own."""
    return COMMON_PROPERTIES + labels_by_name()[label].properties


@cache
def all_property_keys() -> tuple[str, ...]:
    """Every property key used by any label or relation type, sorted (for schemas and linting)."""
    keys = {p.name for label in LABELS for p in label_properties(label.name)}
    keys |= {q.name for rel in RELATION_TYPES for q in rel.qualifiers}
    keys |= set(RELATIONSHIP_SYSTEM_PROPERTIES)
    return tuple(sorted(keys))


RELATIONSHIP_SYSTEM_PROPERTIES: tuple[str, ...] = ("key", "citations", "sources")
"""Properties every stored relationship carries besides its qualifiers."""

Label = StrEnum("Label", {label.name: label.name for label in LABELS})  # type: ignore[misc]
"""Enum of label names, for API parameters."""
