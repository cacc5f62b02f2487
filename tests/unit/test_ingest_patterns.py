"""Ingest patterns on sentences written for these tests, in Simplified and in Traditional script."""

from __future__ import annotations

from functools import cache
from typing import Any

import opencc
import pytest

from graph.model import KnowledgeGraph, Node
from loaders.ingest.candidates import Candidates, Ingester

KNOWN = [
    Node("huaguang", "Company", "华光科技", ["華光科技"]),
    Node("beichen", "Company", "北辰集团"),
    Node("yunfan", "Company", "云帆机器人"),
    Node("xinghai-u", "University", "星海大学"),
    Node("dongling-center", "InnovationCenter", "东岭创新中心"),
    Node("qingsong", "Fund", "青松资本"),
    Node("li-mingyuan", "Person", "李明远"),
    Node("wic-2025", "Event", "2025世界智能大会"),
    Node("zhizao-award", "Award", "智造奖"),
    Node("compute-voucher", "Policy", "算力券"),
    Node("lingxi-1", "Product", "灵犀一号"),
    Node("nanhu-gov", "Government", "南湖区政府"),
]


@cache
def _to_traditional() -> Any:
    return opencc.OpenCC("s2t")


def script(text: str, which: str) -> str:
    return text if which == "simplified" else str(_to_traditional().convert(text))


def ingest(text: str) -> Candidates:
    graph = KnowledgeGraph(nodes={n.id: n for n in KNOWN})
    ingester = Ingester(graph)
    ingester.ingest(text, {"id": "test-article", "date": "2025-03-12"})
    return ingester.result


def facts(result: Candidates, rel_type: str | None = None) -> set[tuple[str, str, str]]:
    return {(s["type"], s["from"], s["to"]) for s in result.statements
            if rel_type is None or s["type"] == rel_type}


def statement(result: Candidates, rel_type: str) -> dict[str, Any]:
    return next(s for s in result.statements if s["type"] == rel_type)


SCRIPTS = pytest.mark.parametrize("which", ["simplified", "traditional"])


@SCRIPTS
def test_lead(which: str) -> None:
    r = ingest(script("2024年5月，星海大学牵头组建东岭创新中心。", which))
    assert facts(r) == {("牵头", "xinghai-u", "dongling-center")}
    assert statement(r, "牵头")["qualifiers"] == {"date": "2024-05", "role": "牵头组建"}


@SCRIPTS
def test_lead_passive_with_a_list_of_leaders(which: str) -> None:
    r = ingest(script("东岭创新中心由华光科技、北辰集团联合组建。", which))
    assert facts(r, "牵头") == {("牵头", "huaguang", "dongling-center"),
                               ("牵头", "beichen", "dongling-center")}


@SCRIPTS
def test_lead_trigger_without_a_target_is_no_relation(which: str) -> None:
    assert facts(ingest(script("星海大学表示将牵头推动行业标准。", which)), "牵头") == set()


@SCRIPTS
def test_financing_round_with_lead_and_follow_investors(which: str) -> None:
    r = ingest(script("3月6日，云帆机器人宣布完成了数千万元天使轮融资，"
                      "由青松资本领投，北辰集团跟投。", which))
    raised = statement(r, "融资")
    assert raised["from"] == "yunfan" and raised["qualifiers"] == {"date": "2025-03-06"}
    round_node = r.entities[raised["to"]]
    assert round_node["label"] == "FundingRound"
    assert round_node["properties"] == {"round": "天使轮", "date": "2025-03-06", "amount": 10_000_000,
                                        "currency": "CNY", "amount_approx": True,
                                        "amount_text": "数千万元"}
    invest = {(s["from"], s["to"], s["qualifiers"]["lead"]) for s in r.statements if s["type"] == "投资"}
    assert invest == {("qingsong", raised["to"], True), ("beichen", raised["to"], False)}


@SCRIPTS
def test_financing_amount_in_dollars_and_respective_rounds(which: str) -> None:
    r = ingest(script("华光科技完成约2亿美元B轮融资。", which))
    round_node = r.entities[statement(r, "融资")["to"]]["properties"]
    assert (round_node["amount"], round_node["currency"], round_node["round"]) == (200_000_000, "USD", "B轮")
    r = ingest(script("华光科技、北辰集团分别完成Pre A+轮、A轮融资。", which))
    rounds = {(s["from"], r.entities[s["to"]]["properties"]["round"]) for s in r.statements
              if s["type"] == "融资"}
    assert rounds == {("huaguang", "Pre A+轮"), ("beichen", "A轮")}


@SCRIPTS
def test_financing_word_without_a_round_is_no_relation(which: str) -> None:
    assert ingest(script("融资环境持续改善，华光科技看好机器人赛道。", which)).statements == []


@SCRIPTS
def test_cooperation_with_and_hand_in_hand(which: str) -> None:
    assert facts(ingest(script("华光科技与星海大学签署战略合作协议。", which))) == {
        ("合作", "huaguang", "xinghai-u")}
    assert facts(ingest(script("北辰集团携手云帆机器人进军海外市场。", which))) == {
        ("合作", "beichen", "yunfan")}


@SCRIPTS
def test_joint_release_gives_pairwise_cooperation_and_publishing(which: str) -> None:
    r = ingest(script("华光科技、北辰集团和云帆机器人联合发布灵犀一号。", which))
    assert facts(r, "合作") == {("合作", "huaguang", "beichen"), ("合作", "huaguang", "yunfan"),
                               ("合作", "beichen", "yunfan")}
    assert facts(r, "发布") == {("发布", x, "lingxi-1") for x in ("huaguang", "beichen", "yunfan")}


@SCRIPTS
def test_cooperation_word_with_one_organisation_is_no_relation(which: str) -> None:
    assert facts(ingest(script("华光科技表示，合作是未来的主旋律。", which))) == set()


@SCRIPTS
def test_participation(which: str) -> None:
    assert facts(ingest(script("华光科技参加了2025世界智能大会。", which))) == {
        ("参与", "huaguang", "wic-2025")}
    assert facts(ingest(script("越来越多的年轻人参与到机器人研发中。", which))) == set()


@SCRIPTS
def test_incubation_active_and_passive(which: str) -> None:
    assert facts(ingest(script("云帆机器人由星海大学孵化。", which))) == {("孵化", "xinghai-u", "yunfan")}
    assert facts(ingest(script("东岭创新中心孵化了云帆机器人。", which))) == {
        ("孵化", "dongling-center", "yunfan")}
    assert facts(ingest(script("该园区已孵化上百个项目。", which))) == set()


@SCRIPTS
def test_publishing_a_new_policy_and_a_product(which: str) -> None:
    r = ingest(script("南湖区政府发布《南湖区机器人产业扶持办法》。", which))
    (fact,) = facts(r)
    assert fact[:2] == ("发布", "nanhu-gov")
    policy = r.entities[fact[2]]
    assert (policy["label"], policy["name"], policy["status"]) == (
        "Policy", "南湖区机器人产业扶持办法", "new")
    assert facts(ingest(script("华光科技推出灵犀一号。", which))) == {("发布", "huaguang", "lingxi-1")}
    assert facts(ingest(script("华光科技发布公告称业绩增长。", which))) == set()


@SCRIPTS
def test_receiving_an_award_and_vouchers_with_amount(which: str) -> None:
    assert facts(ingest(script("云帆机器人获得智造奖。", which))) == {("获得", "yunfan", "zhizao-award")}
    r = ingest(script("华光科技获得50万元算力券。", which))
    got = statement(r, "获得")
    assert (got["to"], got["qualifiers"]["amount"], got["qualifiers"]["currency"]) == (
        "compute-voucher", 500_000, "CNY")
    assert facts(ingest(script("云帆机器人获得市场认可。", which))) == set()


@SCRIPTS
def test_positions_from_titles_and_founders(which: str) -> None:
    r = ingest(script("星海大学校长李明远表示，人才是第一资源。", which))
    assert facts(r) == {("任职", "li-mingyuan", "xinghai-u")}
    assert statement(r, "任职")["qualifiers"]["role"] == "校长"
    r = ingest(script("北辰集团创始人兼CEO王建国说，订单已排到明年。", which))
    person = next(e for e in r.entities.values() if e["label"] == "Person")
    assert person["name"] == "王建国" and person["found_by"].startswith("title:")
    assert facts(r) == {("任职", person["id"], "beichen"), ("创立", person["id"], "beichen")}
    assert statement(r, "创立")["qualifiers"]["role"] == "创始人"
    assert facts(ingest(script("校长表示欢迎各方来访。", which))) == set()


@SCRIPTS
def test_founding(which: str) -> None:
    r = ingest(script("李明远于2019年创立了云帆机器人。", which))
    assert facts(r) == {("创立", "li-mingyuan", "yunfan")}
    assert statement(r, "创立")["qualifiers"]["date"] == "2019"
    assert facts(ingest(script("公司创立之初困难重重。", which))) == set()


@SCRIPTS
def test_discovery_by_suffix_list_and_title(which: str) -> None:
    r = ingest(script("天工智控科技完成A轮融资。", which))
    company = r.entities[statement(r, "融资")["from"]]
    assert (company["name"], company["label"], company["found_by"]) == (
        "天工智控科技", "Company", "suffix:科技")
    r = ingest(script("园区聚集了星火动力、极光视觉、鹏程精工等企业。", which))
    listed = {(e["name"], e["label"]) for e in r.entities.values() if e["found_by"] == "list"}
    assert listed == {("星火动力", "Company"), ("极光视觉", "Company"), ("鹏程精工", "Company")}
    r = ingest(script("南岭实验室主任赵海川指出，算力是关键。", which))
    found = {(e["name"], e["label"]) for e in r.entities.values()}
    assert ("南岭实验室", "ResearchInstitute") in found
    assert any(s["type"] == "任职" for s in r.statements)


@SCRIPTS
def test_status_matches_extends_and_conflicts(which: str) -> None:
    from graph.model import Relationship

    graph = KnowledgeGraph(nodes={n.id: n for n in KNOWN}, relationships=[
        Relationship("xinghai-u", "dongling-center", "牵头", {"date": "2024-05"}, []),
        Relationship("li-mingyuan", "yunfan", "创立", {"date": "2018"}, []),
    ])
    ingester = Ingester(graph)
    text = ("2024年5月，星海大学牵头组建东岭创新中心。李明远于2019年创立了云帆机器人。"
            "华光科技参加了2025世界智能大会。")
    ingester.ingest(script(text, which), {"id": "t", "date": "2025-03-12"})
    status = {s["type"]: s["status"] for s in ingester.result.statements}
    assert status == {"牵头": "matches", "创立": "conflicts", "参与": "extends"}
    conflict = next(s for s in ingester.result.statements if s["type"] == "创立")
    assert not conflict["accept"] and "date" in conflict["conflict"]


@SCRIPTS
def test_participation_at_an_event_by_location(which: str) -> None:
    r = ingest(script("华光科技、北辰集团近日在2025世界智能大会上联合发布灵犀一号。", which))
    assert facts(r, "参与") == {("参与", "huaguang", "wic-2025"), ("参与", "beichen", "wic-2025")}
    r = ingest(script("在2025世界智能大会上，星海大学校长李明远表示，人才是关键。", which))
    assert ("参与", "li-mingyuan", "wic-2025") in facts(r)
    assert facts(ingest(script("2025世界智能大会上展出了很多机器人。", which)), "参与") == set()


@SCRIPTS
def test_titles_with_departments_and_as_clauses(which: str) -> None:
    r = ingest(script("星海大学协理副校长兼教务处处长李明远表示，课程将更新。", which))
    assert statement(r, "任职")["qualifiers"]["role"] == "协理副校长兼教务处处长"
    r = ingest(script("星海大学计划中心负责人李明远说，名额已满。", which))
    assert statement(r, "任职")["qualifiers"]["role"] == "计划中心负责人"
    r = ingest(script("身为云帆机器人的创办人，李明远希望扩大产能。", which))
    assert facts(r) == {("任职", "li-mingyuan", "yunfan"), ("创立", "li-mingyuan", "yunfan")}


@SCRIPTS
def test_discovery_by_context(which: str) -> None:
    r = ingest(script("去年他离开北辰集团，成立创业公司青禾智造，专注于灵巧手。", which))
    assert ("青禾智造", "Company") in {(e["name"], e["label"]) for e in r.entities.values()}
    r = ingest(script("星海大学教授李明远在接受远望日报记者采访时表示，要重视基础研究。", which))
    assert ("远望日报", "Organization") in {(e["name"], e["label"]) for e in r.entities.values()}
    r = ingest(script("2021年成立的澜舟智航是一家专注水下机器人的企业。", which))
    assert ("澜舟智航", "Company") in {(e["name"], e["label"]) for e in r.entities.values()}


@SCRIPTS
def test_discovered_names_with_brackets_schools_and_government_bodies(which: str) -> None:
    r = ingest(script("北辰集团牵头组建的北辰（苏州）具身智能创新中心今天揭牌。", which))
    assert any(e["name"] == "北辰（苏州）具身智能创新中心" for e in r.entities.values())
    r = ingest(script("明德大学信息工程学院院长李明远表示，招生将扩大。", which))
    names = {e["name"]: e["label"] for e in r.entities.values()}
    assert names["明德大学信息工程学院"] == "University" and names["明德大学"] == "University"
    r = ingest(script("厦门市人才局发布《厦门市青年人才支持办法》。", which))
    (fact,) = facts(r)
    assert r.entities[fact[1]]["name"] == "厦门市人才局" and r.entities[fact[1]]["label"] == "Government"


@SCRIPTS
def test_place_publishing_an_enumerated_list(which: str) -> None:
    text = "今年以来，福建省厦门市已发布多个文件，包括《厦门市机器人产业行动方案》《厦门市算力补贴办法》等。"
    r = ingest(script(text, which))
    publisher = {s["from"] for s in r.statements if s["type"] == "发布"}
    assert len(publisher) == 1 and r.entities[publisher.pop()]["name"] == "厦门市"
    assert len(facts(r, "发布")) == 2


@SCRIPTS
def test_round_of_the_previous_sentences_company(which: str) -> None:
    r = ingest(script("李明远去年创办了云帆机器人。今年2月，获得青松资本领投的数千万元天使轮融资。", which))
    raised = statement(r, "融资")
    assert raised["from"] == "yunfan" and raised["confidence"] < 0.7 and not raised["accept"]
    assert ("投资", "qingsong", raised["to"]) in facts(r)


def test_a_known_name_in_a_list_stays_the_known_entity() -> None:
    r = ingest("星海大学、北辰集团等单位代表参加了2025世界智能大会。")
    assert facts(r, "参与") == {("参与", "xinghai-u", "wic-2025"), ("参与", "beichen", "wic-2025")}
    assert r.entities == {}


@SCRIPTS
def test_lists_closed_by_deng_alone_and_awards(which: str) -> None:
    r = ingest(script("头部公司也在布局机器人，例如华光科技、远山重工等。", which))
    assert ("远山重工", "Company") in {(e["name"], e["label"]) for e in r.entities.values()}
    r = ingest(script("云帆机器人获得2024年度星海创新奖。", which))
    (fact,) = facts(r)
    award = r.entities[fact[2]]
    assert fact[:2] == ("获得", "yunfan")
    assert (award["name"], award["label"]) == ("2024年度星海创新奖", "Award")


@SCRIPTS
def test_professor_after_the_name_and_team_leads(which: str) -> None:
    r = ingest(script("东岭创新中心由南湖区政府与星海大学的王建国教授团队联合共建。", which))
    person = next(e for e in r.entities.values() if e["label"] == "Person")
    assert person["name"] == "王建国"
    assert ("任职", person["id"], "xinghai-u") in facts(r)
    assert statement(r, "任职")["qualifiers"]["role"] == "教授"
    assert facts(r, "牵头") >= {("牵头", "nanhu-gov", "dongling-center"),
                               ("牵头", person["id"], "dongling-center")}


@SCRIPTS
def test_event_names_keep_their_verbs(which: str) -> None:
    text = "在去年举办的南湖区智能产业建设推进大会上，星海大学校长李明远表示，要加快转化。"
    r = ingest(script(text, which))
    event = next(e for e in r.entities.values() if e["label"] == "Event")
    assert event["name"] == "南湖区智能产业建设推进大会"
    assert ("参与", "li-mingyuan", event["id"]) in facts(r)


@SCRIPTS
def test_institute_names_with_joined_fields(which: str) -> None:
    r = ingest(script("南湖区政府与星海大学智能感知与控制研究所签署合作协议。", which))
    institute = next(e for e in r.entities.values() if e["label"] == "ResearchInstitute")
    assert institute["name"] == "星海大学智能感知与控制研究所"
    assert facts(r, "合作") == {("合作", "nanhu-gov", institute["id"])}
