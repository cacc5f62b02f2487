"""Company names right after a described head noun (具身智能公司X宣布…), and the place that
locates such a company, on sentences written for these tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


@SCRIPTS
def test_a_name_after_a_described_head_noun_is_a_company(which: str) -> None:
    r = ingest("7月3日，具身智能机器人公司蓝鲸智造宣布完成数亿元A轮融资。", which)
    assert "蓝鲸智造" in names(r, "Company")
    assert ("蓝鲸智造", "蓝鲸智造A轮融资") in facts(r, "融资")
    r = ingest("清华系机器人企业星动远航完成近3亿元天使轮融资。", which)
    assert "星动远航" in names(r, "Company")


@SCRIPTS
def test_no_name_is_read_after_an_undescribed_or_legal_head_noun(which: str) -> None:
    r = ingest("该公司宣布已完成了新一轮的融资。", which)
    assert names(r) == set()
    r = ingest("东海远帆智能装备有限公司正式对外宣布已完成B轮融资。", which)
    assert "正式" not in names(r)
    r = ingest("知名企业家周远航表示看好这条赛道。", which)
    assert not any(n.startswith("家") for n in names(r))
    r = ingest("这家公司近日完成了新一轮融资。", which)
    assert names(r) == set()


@SCRIPTS
def test_a_dateline_place_does_not_locate_the_company_after_another_place(which: str) -> None:
    r = ingest("（本报记者周远航东海市10日电）南岭机器人公司蓝鲸智造昨天宣布完成A轮融资。", which)
    assert facts(r, "位于") == set()
    r = ingest("东海市的机器人公司蓝鲸智造昨天宣布完成A轮融资。", which)
    assert facts(r, "位于") == {("蓝鲸智造", "donghai-city")}


@SCRIPTS
def test_a_quoted_name_after_a_described_head_noun(which: str) -> None:
    r = ingest("东海市的具身智能公司「星动远航」夺得跳高冠军。", which)
    assert "星动远航" in names(r, "Company")
    assert facts(r, "位于") == {("星动远航", "donghai-city")}
    r = ingest("不少机器人公司“批量退出”的说法流传甚广。", which)
    assert "批量退出" not in names(r)
