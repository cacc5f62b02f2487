"""Patterns for 发布, 研发 and 参与 on sentences written for these tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


@SCRIPTS
def test_a_model_named_after_its_release_verb(which: str) -> None:
    r = ingest("华光科技成立两年后便推出了首款产品——Nova。", which)
    assert facts(r, "发布") == {("huaguang", "Nova")}
    r = ingest("华光科技今天发布了新一代基础模型：Orbit-2.5，开放下载。", which)
    assert facts(r, "发布") == {("huaguang", "Orbit-2.5")}
    assert facts(ingest("华光科技推出AI服务。", which), "发布") == set()  # a common acronym


@SCRIPTS
def test_a_release_in_the_clause_after_its_company(which: str) -> None:
    r = ingest("华光科技不断加大投入，陆续推出了Alpha、Beta2等巡检产品。", which)
    assert {b for _, b in facts(r, "发布")} == {"Alpha", "Beta2"}


@SCRIPTS
def test_developed_by_after_the_product(which: str) -> None:
    r = ingest("华光科技推出了Nova。Nova是星海大学团队自主研发的成果。", which)
    assert ("星海大学", "Nova") in facts(r, "研发")
    assert facts(ingest("华光科技推出了Nova。Nova是一款便宜的产品。", which), "研发") == set()


@SCRIPTS
def test_exhibiting_at_the_one_event_of_the_sentence(which: str) -> None:
    r = ingest("在2025东海智能博览会上，华光科技携三款新品亮相。", which)
    assert facts(r, "参与") == {("huaguang", "2025东海智能博览会")}
    r = ingest("星海机器人博览会与南湖创新论坛同期举行，华光科技携新品亮相。", which)
    assert facts(r, "参与") == set()  # two events: which one is not said


@SCRIPTS
def test_a_quoted_name_before_an_event_word(which: str) -> None:
    r = ingest("王建国出席了「智造未来」论坛。", which)
    assert "智造未来" in names(r, "Event")


@SCRIPTS
def test_a_short_name_defined_inside_a_sentence(which: str) -> None:
    r = ingest("今年春天，东海星帆智能科技有限公司（下称“星帆”）迁入新址。星帆随后完成了天使轮融资。", which)
    raised = next(s for s in r.statements if s["type"] == "融资")
    assert r.entities[raised["from"]]["name"].endswith("有限公司")


@SCRIPTS
def test_names_found_once_are_found_again(which: str) -> None:
    r = ingest("星图智航还获得了新一轮融资。青松资本领投了星图智航的这轮融资。", which)
    assert {a for a, _ in facts(r, "融资")} == {"星图智航"}


def invested(r: object) -> set[tuple[str, str]]:
    from tests.unit.test_ingest_precision import invested as by_round
    return by_round(r)  # type: ignore[arg-type]


@SCRIPTS
def test_a_company_right_before_its_round(which: str) -> None:
    r = ingest("去年年底，星图智航A轮突破十亿元融资，刷新A轮融资纪录。", which)
    assert {a for a, _ in facts(r, "融资")} == {"星图智航"} and "刷新" not in names(r)
    r = ingest("图片来源：华光科技官网北辰动力近期完成B轮融资。", which)
    assert "huaguang" not in {a for a, _ in facts(r, "融资")}


@SCRIPTS
def test_rounds_in_a_bulleted_line(which: str) -> None:
    r = ingest("融资进展 - 星图智航完成数千万元天使轮融资 - 北辰集团启动新厂建设", which)
    assert {a for a, _ in facts(r, "融资")} == {"星图智航"}


@SCRIPTS
def test_investor_lists_and_joiners_of_a_round(which: str) -> None:
    r = ingest("华光科技宣布完成B轮融资。战略投资人包括青松资本、北辰集团等。", which)
    assert invested(r) == {("qingsong", "huaguang"), ("beichen", "huaguang")}
    r = ingest("华光科技宣布完成B轮融资。A轮投资方包括青松资本、北辰集团等。", which)
    assert invested(r) == set()  # another round, whose company is not named here
    r = ingest("华光科技完成B轮融资，由青松资本领投，北辰集团、东海智造等多家机构深度参与。", which)
    assert {(a, b) for a, b in invested(r)} >= {("qingsong", "huaguang"), ("beichen", "huaguang")}
    leads = {s["from"]: s["qualifiers"].get("lead") for s in r.statements if s["type"] == "投资"}
    assert leads["beichen"] is False and leads["qingsong"] is True


@SCRIPTS
def test_several_rounds_counted_are_one_for_review(which: str) -> None:
    r = ingest("星图智航在半年内完成三轮融资，投资方包括青松资本。", which)
    rounds = [s for s in r.statements if s["type"] == "融资"]
    assert len(rounds) == 1 and rounds[0]["confidence"] < 0.7
    assert invested(r) == {("qingsong", "星图智航")}


@SCRIPTS
def test_legal_names_run_back_over_verbs(which: str) -> None:
    r = ingest("星海大学与东海巧手创新科技有限公司签署合作协议。", which)
    assert "东海巧手创新科技有限公司" in names(r, "Company")
    r = ingest("身为东海星帆科技有限公司的创办人，王建国很少露面。", which)
    assert facts(r, "创立") == {("王建国", "东海星帆科技有限公司")}


@SCRIPTS
def test_an_acronym_in_brackets_names_its_organisation(which: str) -> None:
    r = ingest("东海机器人联盟（DRA）今日成立。DRA秘书长王建国表示，联盟将扩员。", which)
    assert facts(r, "任职") == {("王建国", "东海机器人联盟")}
    assert not [e for e in r.entities.values() if e["name"].lower() == "dra"]


@SCRIPTS
def test_titles_joined_by_ji_and_a_stock_code(which: str) -> None:
    r = ingest("北辰产业联盟会长暨华光科技（2357）共同执行长王建国表示，需求很旺。", which)
    assert facts(r, "任职") == {("王建国", "huaguang"), ("王建国", "北辰产业联盟")}


@SCRIPTS
def test_bureaus_and_party_committees_before_titles(which: str) -> None:
    r = ingest("智能制造及工业局局长王建国、东海市委书记赵海川出席了活动。", which)
    assert facts(r, "任职") == {("王建国", "智能制造及工业局"), ("赵海川", "东海市委")}


@SCRIPTS
def test_every_party_of_one_agreement_and_joint_development(which: str) -> None:
    r = ingest("星海大学、华光科技与北辰集团举行三方合作签约仪式。", which)
    assert len(facts(r, "合作")) == 3
    r = ingest("它叫“星帆X1”，由星海大学与华光科技联合研制。", which)
    assert facts(r, "研发") == {("星海大学", "星帆X1"), ("huaguang", "星帆X1")}
    assert len(facts(r, "合作")) == 1


@SCRIPTS
def test_events_named_with_a_year_and_two_fields(which: str) -> None:
    r = ingest("2026年东海人工智能与无人机大会现场，华光科技携新品登场。", which)
    assert facts(r, "参与") == {("huaguang", "2026年东海人工智能与无人机大会")}


@SCRIPTS
def test_open_sourcing_is_a_release_and_a_quoted_subsidiary(which: str) -> None:
    r = ingest("北辰集团昨日又有动作，开源了星图3.5，供开发者下载。", which)
    assert facts(r, "发布") == {("beichen", "星图3.5")}
    r = ingest("「北辰集团」东海子公司「星帆科技」今年扩产。", which)
    assert facts(r, "隶属") == {("星帆科技", "beichen")}


@SCRIPTS
def test_a_policy_issued_by_the_place_its_title_opens_with(which: str) -> None:
    r = ingest("在今年2月印发的《东海市机器人产业行动计划》中，东海市提出三项目标。", which)
    assert facts(r, "发布") == {("donghai-city", "东海市机器人产业行动计划")}
    r = ingest("在今年2月印发的《南湖区机器人产业行动计划》中，东海市提出三项目标。", which)
    assert facts(r, "发布") == set()


@SCRIPTS
def test_a_quoted_word_opening_a_name(which: str) -> None:
    r = ingest("东海市成立了「十四五」规划评审委员会。", which)
    assert any(n.endswith("规划评审委员会") and "十四五" in n for n in names(r))


@SCRIPTS
def test_a_title_list_after_a_comma_belongs_to_the_next_person(which: str) -> None:
    r = ingest("名单包括北辰集团董事长王建国，东海医学研究院院长、南湖研究院主任赵海川等人。", which)
    assert ("王建国", "东海医学研究院") not in facts(r, "任职")
    assert ("赵海川", "东海医学研究院") in facts(r, "任职")


@SCRIPTS
def test_representatives_speaking_at_an_event(which: str) -> None:
    r = ingest("“智造东海”座谈会上，华光科技、北辰集团等企业代表，青松资本等机构代表先后发言。", which)
    assert {a for a, _ in facts(r, "参与")} == {"huaguang", "beichen", "qingsong"}
    r = ingest("“智造东海”座谈会上，华光科技、北辰集团的新品很受欢迎。", which)
    assert facts(r, "参与") == set()  # named, but not as taking part
