"""Patterns added to generalise beyond the tuned texts, on sentences written for these tests,
in both scripts, with negatives (no run shared with any article is ten characters long)."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


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
