"""Organisation names before a title (no appointing verb, 前/原 or post scope) and before a suffix
(no description of a field), on sentences written for these tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


@SCRIPTS
def test_an_appointment_names_the_former_employer_without_verb_or_scope(which: str) -> None:
    r = ingest("星河动力昨日宣布，任命前远帆科技全球执行副总裁柳青山为新任总裁。", which)
    assert not {n for n in names(r) if any(w in n for w in ("任命", "全球", "前远帆"))}
    assert {org for _, org in facts(r, "任职")} <= {"星河动力", "远帆科技"}


@SCRIPTS
def test_reporting_to_a_title_does_not_fuse_the_person_into_the_organisation(which: str) -> None:
    r = ingest("各部门负责人直接向柳青山汇报，柳青山则向南岭重工集团总裁周远航汇报。", which)
    assert not {n for n in names(r) if "向" in n}
    assert ("周远航", "南岭重工集团") in facts(r, "任职")


@SCRIPTS
def test_a_bare_company_word_after_a_succession_verb_is_no_organisation(which: str) -> None:
    r = ingest("董事会同意由周远航接任公司董事长，即日生效。", which)
    assert not {n for n in names(r) if "接任" in n or n == "公司"}
    assert facts(r, "任职") == set()


@SCRIPTS
def test_a_place_opening_with_qian_keeps_its_name(which: str) -> None:
    r = ingest("前海数据局局长林海潮出席了签约仪式。", which)
    assert not {n for n in names(r) if n.startswith("海数据")}


@SCRIPTS
def test_a_described_field_before_a_suffix_is_no_company(which: str) -> None:
    r = ingest("远帆科技把资金投向前瞻性科技，也投向站上新一轮全球科技竞赛的团队。", which)
    assert "远帆科技" in names(r, "Company")
    assert not {n for n in names(r) if n in {"前瞻性科技", "站上新一轮全球科技", "新一轮全球科技"}}
    r = ingest("他说整个科技，连同星图科技在内，都在加速。", which)
    assert "整个科技" not in names(r)
