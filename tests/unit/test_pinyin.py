"""Pinyin and initials keys, and the search and name indexes that use them."""

from __future__ import annotations

import pytest

from cypher.names import NameIndex
from cypher.pinyin import MAX_READINGS, pinyin_keys
from cypher.search import SearchIndex

ROWS = [["ubtech", "优必选", "UBTech Robotics", ["优必选科技"], "Company"],
        ["chongqing", "重庆市", "Chongqing", [], "Region"],
        ["changsha", "长沙市", None, [], "Region"],
        ["yuebao", "悦宝", None, [], "Company"]]


def test_keys_are_full_pinyin_and_initials() -> None:
    assert pinyin_keys("优必选") == ("youbixuan", "ybx")
    assert pinyin_keys("UBTech") == ()
    # Runs of Latin letters and digits stay whole in both keys.
    assert pinyin_keys("北京2025") == ("beijing2025", "bj2025")


def test_polyphones_give_both_common_readings() -> None:
    assert {"chongqing", "cq"} <= set(pinyin_keys("重庆"))
    assert {"yinhang", "yinxing"} <= set(pinyin_keys("银行"))
    keys = pinyin_keys("长")
    assert {"chang", "zhang"} <= set(keys)
    many = pinyin_keys("长长长长长长长长")
    assert len(many) <= 2 * MAX_READINGS


@pytest.mark.parametrize("q", ["youbixuan", "ybx", "YouBiXuan", "you bi xuan", "youbi", "youbixuankeji"])
def test_search_finds_the_chinese_name_by_pinyin(q: str) -> None:
    hits = SearchIndex.from_rows(ROWS).search(q)
    assert hits[0].id == "ubtech"
    assert hits[0].matched in {"优必选", "优必选科技"}


def test_pinyin_ranks_below_an_exact_name() -> None:
    hits = SearchIndex.from_rows(ROWS).search("chongqing")
    assert hits[0].id == "chongqing" and hits[0].matched in {"chongqing", "Chongqing"}


def test_name_suggestions_use_pinyin() -> None:
    names = NameIndex.from_rows(ROWS)
    assert names.suggest("youbixuan")[0] == "优必选"
    assert names.suggest("ybx")[0] == "优必选"
    assert names.suggest("zhangsha")[0] == "长沙市"
