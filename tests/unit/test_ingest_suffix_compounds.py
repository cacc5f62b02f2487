"""Common words that open with a typing suffix but that jieba lacks (资本市场) end no name; on
sentences written for these tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


@SCRIPTS
def test_a_capital_market_is_not_a_fund(which: str) -> None:
    r = ingest("东海资本市场今年的并购交易十分活跃。", which)
    assert not any(n.endswith("资本") for n in names(r))
    r = ingest("南岭科技圈内的传闻不少。", which)
    assert "南岭科技" not in names(r)


@SCRIPTS
def test_a_fund_s_market_department_keeps_the_fund(which: str) -> None:
    r = ingest("松柏资本市场部负责人王建国表示看好。", which)
    assert facts(r, "任职") == {("王建国", "松柏资本")}
