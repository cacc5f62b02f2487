"""Round and stake wordings: 某某这轮融资由A、B联合投资, …，B为跟投方, 获得5亿元投资, 某公司的投资方
包括A、B, A持有B 12%的股份, a sentence opening with the investors of the round just stated; on
sentences written for these tests, in both scripts, with negatives."""

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


@SCRIPTS
def test_an_amount_of_investment_received_is_a_round(which: str) -> None:
    r = ingest("华光科技宣布获得5亿元投资，由松柏资本领投。", which)
    assert facts(r, "融资") == {("huaguang", "华光科技新一轮融资")}
    assert facts(r, "投资") == {("松柏资本", "华光科技新一轮融资")}
    r = ingest("华光科技完成新一轮募资，由松柏资本领投。", which)
    assert facts(r, "融资") == {("huaguang", "华光科技新一轮融资")}


@SCRIPTS
def test_money_spent_on_a_project_is_not_a_round(which: str) -> None:
    assert facts(ingest("华光科技完成5亿元投资建设新厂。", which), "融资") == set()
    assert facts(ingest("华光科技项目已完成投资3亿元。", which), "融资") == set()


@SCRIPTS
def test_the_investors_of_a_company_with_no_round_stated(which: str) -> None:
    r = ingest("华光科技的投资方包括松柏资本和远山基金。", which)
    assert facts(r, "投资") == {("松柏资本", "huaguang"), ("远山基金", "huaguang")}
    r = ingest("华光科技的客户包括北辰集团。", which)
    assert facts(r, "投资") == set()


@SCRIPTS
def test_a_stake_held_or_acquired(which: str) -> None:
    r = ingest("据悉，松柏资本持有华光科技12%的股份。", which)
    assert facts(r, "投资") == {("松柏资本", "huaguang")}
    r = ingest("北辰集团以5亿元对价获得华光科技25%股权。", which)
    assert facts(r, "投资") == {("beichen", "huaguang")}
    r = ingest("华光科技营收增长12%，北辰集团股价上涨5%。", which)
    assert facts(r, "投资") == set()


@SCRIPTS
def test_a_sentence_opening_with_the_investors_of_the_round_just_stated(which: str) -> None:
    r = ingest("华光科技完成A轮融资。松柏资本领投，远山基金跟投。", which)
    assert facts(r, "投资") == {("松柏资本", "华光科技A轮融资"), ("远山基金", "华光科技A轮融资")}


@SCRIPTS
def test_an_investor_following_on_as_an_existing_shareholder(which: str) -> None:
    r = ingest("华光科技完成数亿元B轮融资，由松柏资本领投，远山基金作为老股东继续跟投。", which)
    assert facts(r, "投资") == {("松柏资本", "华光科技B轮融资"), ("远山基金", "华光科技B轮融资")}
    r = ingest("华光科技完成数亿元B轮融资，由松柏资本领投，远山基金在今年早些时候曾经多次跟投。", which)
    assert facts(r, "投资") == {("松柏资本", "华光科技B轮融资")}
