"""Tagger ORG spans that name no organisation (a stock board, an affiliation with a cut word, the
tail of a clause) are refused, on sentences written for these tests, in both scripts."""

from __future__ import annotations

from loaders.ingest.ner import Span
from loaders.ingest.tagged import model_mentions
from tests.unit.test_ingest_precision import SCRIPTS, ingest, names


def _org(sentence: str, name: str) -> list[str]:
    at = sentence.index(name)
    return [m.name for m in model_mentions(sentence, 0, [Span(at, at + len(name), "ORG")])]


def test_boards_affiliations_and_clause_tails_are_refused() -> None:
    assert _org("远帆科技计划明年登陆科创板。", "科创板") == []
    assert _org("这家北辰系具身企业去年成立。", "北辰系具") == []
    assert _org("星图资本对外投资机器人公司的节奏放缓。", "外投资机器人公司") == []


def test_names_that_only_look_similar_are_kept() -> None:
    assert _org("远帆科技计划明年登陆科创板。", "远帆科技") == ["远帆科技"]
    assert _org("北京系统工程研究院发布了报告。", "北京系统工程研究院") == ["北京系统工程研究院"]
    assert _org("上纬新材发布了公告。", "上纬新材") == ["上纬新材"]


@SCRIPTS
def test_no_board_is_proposed_as_a_company(which: str) -> None:
    r = ingest("远帆科技计划明年登陆科创板，星图资本对外投资机器人公司的节奏放缓。", which)
    assert not {n for n in names(r) if n in {"科创板", "外投资机器人公司"}}
