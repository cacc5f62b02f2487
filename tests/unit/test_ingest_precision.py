"""What ingest must not propose, on sentences written for these tests, in both scripts.

Generic descriptors read as names, verbs and adverbs glued to names, titles read as models,
departments read as organisations, slogans in quotes, and the statements they would give.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import opencc
import pytest

from graph.model import KnowledgeGraph, Node
from loaders.ingest.candidates import Candidates, Ingester

KNOWN = [
    Node("huaguang", "Company", "华光科技"),
    Node("beichen", "Company", "北辰集团"),
    Node("yuntu", "Product", "云图"),
    Node("qingsong", "Fund", "青松资本"),
    Node("donghai-city", "Region", "东海市"),
]
SCRIPTS = pytest.mark.parametrize("which", ["simplified", "traditional"])


@cache
def _to_traditional() -> Any:
    return opencc.OpenCC("s2t")


def ingest(text: str, which: str = "simplified") -> Candidates:
    if which != "simplified":
        text = str(_to_traditional().convert(text))
    ingester = Ingester(KnowledgeGraph(nodes={n.id: n for n in KNOWN}))
    ingester.ingest(text, {"id": "t", "date": "2025-06-10"})
    return ingester.result


def names(result: Candidates, label: str | None = None) -> set[str]:
    return {str(opencc.OpenCC("t2s").convert(e["name"])) for e in result.entities.values()
            if label is None or e["label"] == label}


def facts(result: Candidates, rel_type: str) -> set[tuple[str, str]]:
    def name(i: str) -> str:
        rec = result.entities.get(i)
        return str(opencc.OpenCC("t2s").convert(rec["name"])) if rec else i
    return {(name(s["from"]), name(s["to"])) for s in result.statements if s["type"] == rel_type}


@SCRIPTS
def test_adverbs_and_times_are_not_part_of_a_company_raising_money(which: str) -> None:
    r = ingest("星图智航还获得了新一轮融资。", which)
    assert {a for a, _ in facts(r, "融资")} == {"星图智航"}
    r = ingest("华光科技今年完成了B轮融资，半年累计完成3亿元融资。", which)
    assert "半年累计" not in names(r)


@SCRIPTS
def test_an_ascii_title_after_a_company_is_not_a_model(which: str) -> None:
    r = ingest("华光科技CTO王建国认为量产还要两年。", which)
    assert names(r, "Product") == set()
    assert facts(r, "任职") == {("王建国", "huaguang")}


@SCRIPTS
def test_a_later_version_of_a_known_product_is_a_product_of_its_own(which: str) -> None:
    r = ingest("华光科技又发布了全新的云图3推理模型。", which)
    assert facts(r, "发布") == {("huaguang", "云图3")}
    assert facts(ingest("华光科技发布了云图。", which), "发布") == {("huaguang", "yuntu")}


@SCRIPTS
def test_what_stands_before_a_title_must_name_an_organisation(which: str) -> None:
    r = ingest("星图智航和创始人王建国都很低调。", which)
    assert facts(r, "创立") == {("王建国", "星图智航")}
    r = ingest("北辰集团副总裁、中新智造董事长赵海川出席了仪式。", which)
    assert ("赵海川", "中新智造") in facts(r, "任职")
    assert facts(ingest("张明将直接向总裁李海报告工作。", which), "任职") == set()
    assert facts(ingest("运动控制事业群总经理王建国出席了论坛。", which), "任职") == set()


@SCRIPTS
def test_descriptors_and_counted_categories_are_not_names(which: str) -> None:
    r = ingest("这是一家全球顶级硬科技企业，也是创新型科技企业的代表。", which)
    assert names(r) == set()
    r = ingest("北辰集团联合多个产业协会成立了东海机器人联盟。", which)
    assert "产业协会" not in {n[-4:] for n in names(r)} and "东海机器人联盟" in names(r)
    r = ingest("投资覆盖了芯片、本体和集成、下游应用等产业链各环节的优质企业。", which)
    assert names(r) == set()


@SCRIPTS
def test_quoted_slogans_are_not_names_and_a_quoted_body_set_up_is(which: str) -> None:
    r = ingest("青松资本此前宣布“批量退出机器人公司”，引发热议。", which)
    assert names(r, "Company") == set()
    r = ingest("北辰集团昨日正式成立「智能巡检应用SIG」，首批成员二十家。", which)
    assert facts(r, "设立") == {("beichen", "智能巡检应用SIG")}


@SCRIPTS
def test_an_award_verb_is_not_an_award(which: str) -> None:
    assert names(ingest("华光科技是本届唯一获奖的东海企业。", which), "Award") == set()


def raised(result: Candidates) -> set[tuple[str, str]]:
    def name(i: str) -> str:
        rec = result.entities.get(i)
        return str(opencc.OpenCC("t2s").convert(rec["name"])) if rec else i
    return {(name(s["from"]), result.entities[s["to"]]["properties"]["round"])
            for s in result.statements if s["type"] == "融资"}


def invested(result: Candidates) -> set[tuple[str, str]]:
    company = {s["to"]: s["from"] for s in result.statements if s["type"] == "融资"}
    def name(i: str) -> str:
        rec = result.entities.get(i)
        return str(opencc.OpenCC("t2s").convert(rec["name"])) if rec else i
    return {(name(s["from"]), name(company.get(s["to"], s["to"])))
            for s in result.statements if s["type"] == "投资"}


@SCRIPTS
def test_the_investor_named_inside_the_round_phrase_is_not_its_company(which: str) -> None:
    r = ingest("加速智行完成由青松资本领投的A轮融资。", which)
    assert raised(r) == {("加速智行", "A轮")}
    assert invested(r) == {("qingsong", "加速智行")}


@SCRIPTS
def test_rounds_need_a_company_that_raises_them(which: str) -> None:
    assert raised(ingest("北辰集团被曝B轮融资入局华光科技。", which)) == set()
    assert raised(ingest("青松资本有望收获机器人赛道的第一个IPO。", which)) == set()
    r = ingest("华光科技是一家机器人公司。北辰集团、东海智造陆续宣布融资信息。", which)
    assert raised(r) == set()
    r = ingest("华光科技连续完成天使轮和 A 轮融资。", which)
    assert raised(r) == {("huaguang", "天使轮"), ("huaguang", "A轮")}


@SCRIPTS
def test_a_fund_named_after_its_group(which: str) -> None:
    r = ingest("华光科技完成A轮融资，由北辰集团启航资本领投。", which)
    assert invested(r) == {("启航资本", "huaguang")}


@SCRIPTS
def test_located_in_read_as_an_attribute(which: str) -> None:
    r = ingest("东海日报记者探访位于东海市的华光科技总部。", which)
    assert facts(r, "位于") == {("huaguang", "donghai-city")}
