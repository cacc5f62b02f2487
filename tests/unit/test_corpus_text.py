"""Normalisation, sentence splitting and name matching of article text."""

from __future__ import annotations

from loaders.corpus import match_form, normalise, sentence_spans
from loaders.spans import covering_spans, mentions


def test_normalise_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    raw = "第一段第一句被\n折行了。第二句\r\n也是。\n\n第二段。\n"
    assert normalise(raw) == "第一段第一句被折行了。第二句也是。\n第二段。"


def test_sentence_spans_keep_closing_quotes() -> None:
    text = "他说：“很好。”然后离开！最后一句"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["他说：“很好。”", "然后离开！", "最后一句"]


def test_match_form_is_script_and_space_insensitive() -> None:
    assert match_form("香港中文大學(深圳)") == match_form("香港中文大学（深圳）")
    assert match_form("中国移 动") == match_form("中国移动")
    assert mentions("優必選機器人已多次登台", ["优必选"])
    assert not mentions("某机器人公司", ["优必选", ""])


def test_covering_spans_widen_to_the_sentence_naming_the_subject() -> None:
    text = "甲公司由乙大学孵化。它完成了融资。丙基金领投。"
    assert covering_spans(text, [["甲公司"], ["乙大学"]]) == [(0, 10)]
    assert covering_spans(text, [["甲公司"], ["丙基金"]]) == [(0, len(text))]
    assert covering_spans(text, [["丁"]]) == []
