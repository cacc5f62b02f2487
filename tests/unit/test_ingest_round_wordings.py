"""Round wordings: 某某这轮融资由A、B联合投资, …，B为跟投方, on sentences written for these tests,
in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest


@SCRIPTS
def test_a_company_s_round_invested_in_jointly(which: str) -> None:
    r = ingest("星河动力这轮融资由松柏资本、远山基金和青松资本联合投资。", which)
    assert facts(r, "融资") == {("星河动力", "星河动力新一轮融资")}
    assert {a for a, _ in facts(r, "投资")} == {"松柏资本", "远山基金", "qingsong"}


@SCRIPTS
def test_a_round_word_without_its_company_states_no_round(which: str) -> None:
    r = ingest("这轮融资由松柏资本领投。", which)
    assert facts(r, "融资") == set() and facts(r, "投资") == set()
    r = ingest("松柏资本和远山基金联合投资了一个新基金。", which)
    assert facts(r, "融资") == set()


@SCRIPTS
def test_an_investor_named_as_the_follower(which: str) -> None:
    r = ingest("2023年4月，星河动力完成天使轮融资，由远山基金领投，云岫为跟投方。", which)
    assert facts(r, "投资") == {("远山基金", "星河动力天使轮融资"), ("云岫", "星河动力天使轮融资")}
    r = ingest("2023年4月，星河动力完成天使轮融资，松柏资本为其提供咨询。", which)
    assert facts(r, "投资") == set()
