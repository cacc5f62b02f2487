"""Ingest text handling: offset maps back to the original text, qualifiers, the gazetteer."""

from __future__ import annotations

import re

import pytest

from graph.model import KnowledgeGraph, Node
from loaders.corpus import normalise
from loaders.ingest.candidates import Ingester
from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.qualifiers import ArticleDate, amount_in, dates_in, normalise_round, round_slug
from loaders.ingest.text import Article, normalise_with_map

RAW = "標題一行\r\n\r\n華光科技與星海大\n學簽署戰略合\n作協議。\n\n3月6日，雲帆機器\n人完成B輪融資。\n"


def test_normalisation_map_points_into_the_raw_text() -> None:
    text, to_raw = normalise_with_map(RAW)
    assert text == normalise(RAW)
    assert all(RAW[to_raw[i]] == ch for i, ch in enumerate(text) if ch != "\n")


def test_simplified_view_keeps_offsets() -> None:
    article = Article.from_raw(RAW)
    assert len(article.simple) == len(article.text)
    assert "华光科技与星海大学签署战略合作协议" in article.simple
    assert article.is_traditional()


def test_evidence_spans_map_back_to_the_original_text_exactly() -> None:
    graph = KnowledgeGraph(nodes={n.id: n for n in [
        Node("huaguang", "Company", "华光科技"), Node("xinghai-u", "University", "星海大学"),
        Node("yunfan", "Company", "云帆机器人")]})
    ingester = Ingester(graph)
    ingester.ingest(RAW, {"id": "t", "date": "2025-03-12"})
    text = normalise(RAW)
    statements = ingester.result.statements
    assert {s["type"] for s in statements} == {"合作", "融资"}
    for s in statements:
        start, end = s["span"]
        assert text[start:end] == s["evidence"]
        raw_start, raw_end = s["raw_span"]
        assert re.sub(r"[\r\n]", "", RAW[raw_start:raw_end]) == s["evidence"].replace("\n", "")
    assert "華光科技與星海大學簽署戰略合作協議。" in {s["evidence"] for s in statements}


def test_gazetteer_longest_match_first_and_ascii_word_edges() -> None:
    g = Gazetteer([Node("sz", "Region", "深圳"), Node("sz-uni", "University", "深圳大学", ["深大"]),
                   Node("ai-co", "Company", "AI Corp", ["AI"])])
    found = g.find("深圳大学与深圳的openai和ai团队")
    assert [(m.entity, m.start, m.end) for m in found] == [("sz-uni", 0, 4), ("sz", 5, 7), ("ai-co", 15, 17)]


@pytest.mark.parametrize(("text", "expected"), [
    ("3月6日", "2025-03-06"), ("今年2月", "2025-02"), ("去年11月", "2024-11"), ("11月", "2024-11"),
    ("2023年12月", "2023-12"), ("2022年", "2022"), ("十二月", "2024-12"),
])
def test_dates_resolve_against_the_article_date(text: str, expected: str) -> None:
    assert [d for _, _, d in dates_in(text, ArticleDate("2025-03-12"))] == [expected]


def test_dates_without_a_year_stay_unresolved_without_an_article_date() -> None:
    assert dates_in("3月6日", ArticleDate(None)) == []


@pytest.mark.parametrize(("text", "value", "currency", "approx"), [
    ("数千万元", 10_000_000, "CNY", True), ("约10亿港元", 1_000_000_000, "HKD", True),
    ("5000万美元", 50_000_000, "USD", False), ("3.5亿元", 350_000_000, "CNY", False),
    ("50万元", 500_000, "CNY", False),
])
def test_amounts_normalise_to_number_and_currency(text: str, value: int, currency: str, approx: bool) -> None:
    amount = amount_in(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.approx) == (value, currency, approx)


def test_rounds_normalise_as_the_curated_data_writes_them() -> None:
    assert normalise_round("pre a+轮") == "Pre A+轮"
    assert normalise_round("a+轮") == "A+轮"
    assert normalise_round("配售新股") == "配售"
    assert (round_slug("Pre A+轮"), round_slug("天使轮"), round_slug("B轮")) == ("pre-a-plus", "angel", "b")


def test_amounts_with_thousands_separators_and_impossible_days() -> None:
    from loaders.ingest.qualifiers import AMOUNT_RE, ArticleDate, dates_in

    match = AMOUNT_RE.search("完成2,500万美元融资")
    assert match is not None and match.group("num") == "2,500"
    assert dates_in("2025年2月30日", ArticleDate("2025-03-01")) == [(0, 10, "2025-02")]


@pytest.mark.parametrize("raw", [
    "雲帆機(jī)器(qì)人完成B輪融資，投資方包括星河資本(AI)。",
    "云帆机(jī)器(qì)人完成B轮融资，投资方包括星河资本(AI)。",
])
def test_mirror_pinyin_glosses_are_dropped_and_spans_still_point_into_the_file(raw: str) -> None:
    article = Article.from_raw(raw)
    assert "云帆机器人完成b轮融资" in article.simple
    assert "（ai）" in article.simple  # no tone mark: not a gloss
    start = article.simple.index("机器人")
    raw_start, raw_end = article.raw_span(*article.span(start, start + 3))
    assert raw[raw_start:raw_end].startswith("機(jī)器") or raw[raw_start:raw_end].startswith("机(jī)器")


def test_pinyin_gloss_needs_a_character_before_it_and_a_tone_mark() -> None:
    for raw in ("（ji）华光科技完成融资。", "华光科技(hg)完成融资。"):
        assert Article.from_raw(raw).text == normalise(raw)


LONG = "甲乙科技今年以来持续加大研发投入，在多个行业场景完成了产品验证与规模部署工作，客户覆盖多地。"


@pytest.mark.parametrize("caption", ["图片来源：丙丁公司官网", "圖片來源：丙丁公司官網"])
def test_a_short_caption_line_ends_its_sentence_in_an_article_of_long_lines(caption: str) -> None:
    raw = f"{LONG}\n{caption}\n星河机器人近日完成A轮融资，由远山资本领投，多家机构跟投。\n{LONG}\n"
    article = Article.from_raw(raw)
    sentences = [article.simple[s:e] for s, e in article.sentences()]
    assert any(x.startswith("星河机器人近日") for x in sentences)
    assert article.text == normalise(raw)  # the citation text is unchanged


def test_hard_wrapped_lines_and_quoted_titles_are_not_cut() -> None:
    wrapped = "星河机器人近日完成A轮\n融资，由远山资本领投\n，多家机构跟投。\n"
    assert len(Article.from_raw(wrapped).sentences()) == 1
    quoted = Article.from_raw(f"{LONG}\n“智造未来—共话产业新图景”\n座谈会上，多家企业代表发言。\n")
    assert not any(quoted.simple[a:b].startswith("座谈会上") for a, b in quoted.sentences())
