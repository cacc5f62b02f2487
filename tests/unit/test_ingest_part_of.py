"""A旗下B only when nothing done stands between 旗下 and B, on sentences written for these
tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest


@SCRIPTS
def test_a_unit_named_after_its_owner(which: str) -> None:
    r = ingest("远帆集团旗下的软件公司星图科技将于明年上市。", which)
    assert ("星图科技", "远帆集团") in facts(r, "隶属")


@SCRIPTS
def test_what_a_unit_invested_in_is_not_the_unit(which: str) -> None:
    r = ingest("远帆集团旗下基金领投了星图科技的A轮融资。", which)
    assert facts(r, "隶属") == set()
    r = ingest("远帆集团旗下基金与星图科技签署了协议。", which)
    assert facts(r, "隶属") == set()
