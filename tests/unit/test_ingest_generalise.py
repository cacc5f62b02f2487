"""Patterns added to generalise beyond the tuned texts, on sentences written for these tests,
in both scripts, with negatives (no run shared with any article is ten characters long)."""

from __future__ import annotations

import opencc

from loaders.ingest.candidates import Candidates
from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, invested, names


@SCRIPTS
def test_a_legal_name_read_in_two_pieces_is_one_name(which: str) -> None:
    r = ingest("两家公司已共同出资组建了南岭元启智能装备（东海）有限公司，主营伺服部件。", which)
    assert "南岭元启智能装备（东海）有限公司" in names(r, "Company")
    assert not {n for n in names(r) if n in {"南岭元", "启智能装备（东海）有限公司"}}


@SCRIPTS
def test_a_person_titled_in_a_department_of_a_legal_name(which: str) -> None:
    r = ingest("远帆星河投资股份有限公司投资二部总经理柳青山长期关注机器人赛道。", which)
    assert facts(r, "任职") == {("柳青山", "远帆星河投资股份有限公司")}


@SCRIPTS
def test_a_bureau_named_by_its_portfolios_and_its_head(which: str) -> None:
    r = ingest("署理行政长官方志远、数字经济及工业局局长林海潮等出席致辞。", which)
    assert ("林海潮", "数字经济及工业局") in facts(r, "任职")
    r = ingest("科技局局长林海潮出席致辞。", which)
    assert facts(r, "任职") == set()  # a generic bureau word is not a name


@SCRIPTS
def test_compound_partner_titles_stay_out_of_the_organisation(which: str) -> None:
    r = ingest("青松资本主管合伙人周远航公开表示看好这条赛道。", which)
    assert facts(r, "任职") == {("周远航", "qingsong")}
    assert not any(n.endswith("主管") for n in names(r))


@SCRIPTS
def test_a_bare_company_word_means_the_listed_company_and_both_parties_set_up(which: str) -> None:
    text = ("有投资者向远帆精机（300999）提问合作进展。公司与星海机器人有限公司签署了合作协议。"
            "目前双方已共同设立远帆星海智能装备有限公司。")
    r = ingest(text, which)
    assert facts(r, "合作") == {("远帆精机", "星海机器人有限公司")}
    assert facts(r, "设立") == {("远帆精机", "远帆星海智能装备有限公司"),
                              ("星海机器人有限公司", "远帆星海智能装备有限公司")}
    assert not any(s["accept"] for s in r.statements)  # read through 公司/双方: for review
    assert "公司" not in {a for e in r.entities.values() for a in e["aliases"]}


@SCRIPTS
def test_a_company_named_before_the_bare_word_is_the_one_it_means(which: str) -> None:
    r = ingest("华光科技今年推出新品。北辰集团公告，公司与星海机器人有限公司签署了合作协议。", which)
    assert facts(r, "合作") == {("beichen", "星海机器人有限公司")}
    r = ingest("华光科技今年推出新品。双方随后成立了星海研究院。", which)
    assert facts(r, "设立") == set()  # no agreement stated before: 双方 is nobody


@SCRIPTS
def test_an_adverb_between_a_party_and_its_agreement(which: str) -> None:
    r = ingest("华光科技近日拟与星海大学签署共建实验室的协议。", which)
    assert facts(r, "合作") == {("huaguang", "星海大学")}
    r = ingest("华光科技的产品近日与星海大学的评测结果一并公布。", which)
    assert facts(r, "合作") == set()  # no agreement verb


@SCRIPTS
def test_partners_listed_after_their_owner(which: str) -> None:
    r = ingest("华光科技的合资伙伴包括了南岭精工、东湖实业、青禾电子等。", which)
    assert facts(r, "合作") == {("huaguang", "南岭精工"), ("huaguang", "东湖实业"), ("huaguang", "青禾电子")}
    r = ingest("华光科技表示，行业合作伙伴包括南岭精工等多家企业。", which)
    assert facts(r, "合作") == set()  # whose partners is not said


def rounds(r: Candidates) -> set[tuple[str, str]]:
    def name(i: str) -> str:
        rec = r.entities.get(i)
        return str(opencc.OpenCC("t2s").convert(rec["name"])) if rec else i
    return {(name(s["from"]), str(r.entities[s["to"]]["properties"].get("round", "")))
            for s in r.statements if s["type"] == "融资"}


@SCRIPTS
def test_two_numbered_rounds_named_in_one(which: str) -> None:
    r = ingest("星帆智能科技近日接连完成A4及A5轮战略融资，合计超过1亿美元。", which)
    assert {x for _, x in rounds(r)} == {"A4轮", "A5轮"}
    r = ingest("星帆智能科技完成A5轮融资。", which)
    assert {x for _, x in rounds(r)} == {"A5轮"}


@SCRIPTS
def test_every_company_of_a_list_that_raised_an_unnamed_round(which: str) -> None:
    r = ingest("今年以来，就有星帆智能科技、东湖机器人有限公司等多家企业宣布完成新一轮融资。", which)
    assert {a for a, _ in rounds(r)} == {"星帆智能科技", "东湖机器人有限公司"}
    assert not any(s["accept"] for s in r.statements if s["type"] == "融资")
    r = ingest("星帆智能科技、东湖机器人有限公司等多家企业表示将择机融资。", which)
    assert rounds(r) == set()


@SCRIPTS
def test_a_round_raised_with_an_amount_and_a_short_lead_investor(which: str) -> None:
    r = ingest("同期，远川智航以8.6亿元天使轮融资刷新了纪录。", which)
    assert rounds(r) == {("远川智航", "天使轮")}
    r = ingest("远川智航完成A轮融资。A轮由禾丰领投，青松资本跟投。", which)
    assert invested(r) == {("禾丰", "远川智航"), ("qingsong", "远川智航")}
    r = ingest("远川智航完成A轮融资，本轮由老股东领投。", which)
    assert "老股东" not in names(r)


@SCRIPTS
def test_a_company_suffix_keeps_a_verb_inside_the_name_of_a_raiser(which: str) -> None:
    r = ingest("- 飞跃进化科技完成由青松资本领投的A轮融资，资金将用于量产。", which)
    assert ("飞跃进化科技", "A轮") in rounds(r)


@SCRIPTS
def test_a_speaker_at_an_event_takes_part_in_it(which: str) -> None:
    r = ingest("在2025东海智能装备论坛上，华光科技首席执行官林海潮提出了三点看法。", which)
    assert ("林海潮", "2025东海智能装备论坛") in facts(r, "参与")
    r = ingest("在2025东海智能装备论坛上，多位嘉宾提出了看法，林海潮后来才知道。", which)
    assert ("林海潮", "2025东海智能装备论坛") not in facts(r, "参与")


@SCRIPTS
def test_attending_the_one_event_of_the_sentence_before(which: str) -> None:
    r = ingest("「2025南湖创新论坛」周二举行。华光科技首席执行官林海潮等出席致辞。", which)
    assert ("林海潮", "2025南湖创新论坛") in facts(r, "参与")
    assert not any(s["accept"] for s in r.statements if s["type"] == "参与")
    r = ingest("「2025南湖创新论坛」与东湖智造大会同期举行。华光科技首席执行官林海潮等出席致辞。", which)
    assert facts(r, "参与") == set()  # two events before: which one is not said


@SCRIPTS
def test_former_posts_at_each_company_of_a_list(which: str) -> None:
    r = ingest("北辰集团副总裁林海潮曾先后就职于南岭精工、东湖实业、华光科技等公司。", which)
    assert {("林海潮", "南岭精工"), ("林海潮", "东湖实业"), ("林海潮", "huaguang")} <= facts(r, "任职")
    assert "林海潮曾先后就职于南岭精工" not in names(r)
    r = ingest("南岭精工、东湖实业等公司的员工曾就职于多地工厂。", which)
    assert facts(r, "任职") == set()


@SCRIPTS
def test_posts_in_the_clauses_after_a_first_one(which: str) -> None:
    r = ingest("林海潮为星海大学机械工程学院副教授、博士生导师，东湖智能研究院首席科学家，也是华光科技的"
               "联合创始人。", which)
    posts = facts(r, "任职")
    assert ("林海潮", "星海大学机械工程学院") in posts and ("林海潮", "东湖智能研究院") in posts
    r = ingest("林海潮为星海大学教授、方志远的导师。", which)
    assert ("林海潮", "星海大学") not in facts(r, "任职")  # the list ends in another person


@SCRIPTS
def test_joining_and_being_appointed(which: str) -> None:
    r = ingest("此前任职北辰集团的首席科学家林海潮已加入华光科技，出任研究院负责人。", which)
    assert ("林海潮", "huaguang") in facts(r, "任职")
    r = ingest("北辰集团日前任命林海潮担任机器人事业部总经理。", which)
    assert ("林海潮", "beichen") in facts(r, "任职")
    r = ingest("北辰集团加入了东海机器人产业联盟。", which)
    assert facts(r, "任职") == set()  # an organisation joining is not a post


@SCRIPTS
def test_founders_and_headquarters_of_the_company_a_sentence_opens_with(which: str) -> None:
    r = ingest("星帆智能科技成立于2023年2月，由林海潮等人创立，总部位于东海市。", which)
    assert ("林海潮", "星帆智能科技") in facts(r, "创立")
    assert ("星帆智能科技", "donghai-city") in facts(r, "位于")
    r = ingest("会上发布了新品，由林海潮等人创立的基金随后宣布募资。", which)
    assert facts(r, "创立") == set()


@SCRIPTS
def test_a_lead_investor_with_its_target_and_a_list_in_groups(which: str) -> None:
    r = ingest("随后，行业龙头北辰集团（300999）领投了专注于关节模组的星帆智能科技。", which)
    assert ("beichen", "星帆智能科技") in facts(r, "投资")
    r = ingest("星帆智能科技完成新一轮融资，投资方涵盖青松资本、远山创投等财务机构，南岭精工科技等产业方，"
               "以及北辰集团等。", which)
    assert {a for a, _ in invested(r)} == {"qingsong", "远山创投", "南岭精工科技", "beichen"}


@SCRIPTS
def test_a_stock_code_between_a_party_and_its_agreement(which: str) -> None:
    r = ingest("北辰集团（600999）与星海大学签署战略合作协议。", which)
    assert facts(r, "合作") == {("beichen", "星海大学")}


@SCRIPTS
def test_a_body_of_the_group_is_not_a_name(which: str) -> None:
    r = ingest("林海潮另将兼任集团战略委员会委员，由方志远担任总经理。", which)
    assert not {n for n in names(r) if n.startswith("集团") or n.endswith("担任")}
