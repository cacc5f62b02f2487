"""Rounds and their investors: carried into the next sentence only when it says so (本轮/此轮…),
one unnamed round (完成了一轮融资), no customers read as investors; on sentences written for these
tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, invested


@SCRIPTS
def test_the_next_sentence_names_investors_of_this_round(which: str) -> None:
    r = ingest("华光科技上月完成了B轮融资。本轮由远帆资本领投，北辰资本跟投。", which)
    assert {("远帆资本", "huaguang"), ("北辰资本", "huaguang")} <= invested(r)


@SCRIPTS
def test_a_later_sentence_on_financing_in_general_is_not_the_round(which: str) -> None:
    r = ingest("华光科技上月完成了B轮融资。业内融资案例里，由远帆资本领投、北辰资本跟投的项目越来越多。",
               which)
    assert not {inv for inv, _ in invested(r)} & {"远帆资本", "北辰资本"}


@SCRIPTS
def test_one_unnamed_round_is_a_round(which: str) -> None:
    r = ingest("华光科技去年完成了数亿元的一轮融资，由远帆资本领投。", which)
    assert {a for a, _ in facts(r, "融资")} == {"huaguang"}
    assert ("远帆资本", "huaguang") in invested(r)
    r = ingest("华光科技去年完成了十一轮融资。", which)
    assert facts(r, "融资") == set()  # eleven rounds: not one round


@SCRIPTS
def test_customers_listed_after_a_round_are_not_its_investors(which: str) -> None:
    r = ingest("华光科技完成近5亿元A轮融资，客户包括远帆集团、北辰集团等。", which)
    assert invested(r) == set()
    r = ingest("华光科技完成B轮融资，合作伙伴包括远帆资本和北辰集团。", which)
    assert invested(r) == set()
    r = ingest("华光科技完成B轮融资，参与方包括远帆资本和北辰资本。", which)
    assert {("远帆资本", "huaguang"), ("北辰资本", "huaguang")} <= invested(r)


@SCRIPTS
def test_a_party_role_in_an_investor_list_is_no_investor(which: str) -> None:
    r = ingest("华光科技完成A轮融资，投资方包括远帆资本、北辰资本、南岭文旅集团战略方等机构。", which)
    got = {inv for inv, _ in invested(r)}
    assert {"远帆资本", "北辰资本"} <= got
    assert not {n for n in got if n.endswith("方")}
