"""Posts taken with 出任/接任/担任 (and 接替), appointments whose post is in the next clause, a
post's scope or a department before its title, on sentences written for these tests, in both
scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest


@SCRIPTS
def test_a_person_taking_a_post_at_a_named_organisation(which: str) -> None:
    r = ingest("北辰集团宣布，周远航将出任北辰集团首席执行官。", which)
    assert ("周远航", "beichen") in facts(r, "任职")
    r = ingest("林海潮在2019年担任华光科技执行副总裁，2022年出任北辰集团总裁。", which)
    assert facts(r, "任职") == {("林海潮", "huaguang"), ("林海潮", "beichen")}


@SCRIPTS
def test_a_successor_and_a_predecessor_both_hold_the_post(which: str) -> None:
    r = ingest("华光科技公告，周远航将接替林海潮出任华光科技代理董事长。", which)
    assert facts(r, "任职") == {("周远航", "huaguang"), ("林海潮", "huaguang")}


@SCRIPTS
def test_the_bare_company_word_means_the_organisation_named_before(which: str) -> None:
    r = ingest("华光科技今日完成交接，由王建国接任公司董事会主席。", which)
    rows = [s for s in r.statements if s["type"] == "任职"]
    assert {(s["from"], s["to"]) for s in rows} == {(rows[0]["from"], "huaguang")}
    assert not any(s["accept"] for s in rows)  # read through 公司: for review


@SCRIPTS
def test_no_post_without_a_title_or_an_organisation(which: str) -> None:
    r = ingest("王建国曾担任多场比赛的评委。", which)
    assert facts(r, "任职") == set()
    r = ingest("王建国将出任首席执行官。", which)
    assert facts(r, "任职") == set()  # no organisation named: nobody to hold the post at
    r = ingest("华光科技表示，王建国担任评审期间表现出色。", which)
    assert facts(r, "任职") == set()


@SCRIPTS
def test_an_appointment_whose_post_is_in_the_next_clause(which: str) -> None:
    r = ingest("华光科技任命前北辰集团研究员周远航，出任集团首席科学家。", which)
    assert ("周远航", "huaguang") in facts(r, "任职")


@SCRIPTS
def test_the_scope_of_a_post_between_organisation_and_title(which: str) -> None:
    r = ingest("华光科技任命前北辰集团全球执行副总裁周远航为新任总裁。", which)
    assert facts(r, "任职") == {("周远航", "beichen"), ("周远航", "huaguang")}


@SCRIPTS
def test_a_department_between_organisation_and_title_after_a_person(which: str) -> None:
    r = ingest("华光科技副总裁王建国同时也是北辰集团团队负责人。", which)
    assert facts(r, "任职") == {("王建国", "huaguang"), ("王建国", "beichen")}
