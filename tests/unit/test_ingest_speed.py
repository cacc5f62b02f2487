"""Ingest's fast paths give what the plain ways give: jieba's own cut, ``finditer``, OpenCC piece by
piece, the textbook Viterbi, a character-by-character sentence split (random inputs, fixed seeds)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from loaders.corpus import sentence_spans
from loaders.ingest.ner import _viterbi
from loaders.ingest.qualifiers import DATE_RE, _date_matches
from loaders.ingest.segment import _cut, _posseg
from loaders.ingest.text import _convert_many, _t2s, _tw2sp

TEXT = ("2025年3月，華光科技與星海大學簽署戰略合作協議。 北辰機器人（Beichen Robotics）完成B+轮融资，"
        "由云泽资本领投、AB-01与C++团队跟投！今年二月底，星图3.5发布；去年11月 上旬\u3000发布会…"
        "“十四五”规划？x.y_z&w 1.5亿元\r\n厦门市人才局局长王建国说：人工智慧、資訊軟體")


def _slices(text: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        start = rng.randrange(len(text))
        out.append(text[start:start + rng.randrange(0, 30)])
    return out


@pytest.mark.parametrize("hmm", [False, True])
def test_cut_is_jiebas(hmm: bool) -> None:
    posseg = _posseg()
    edge_cases = ["", " ", "\r\n", "ABC123 def", "１２３", "机器人abc机器人",
                  "王建国担任", "欧阳娜娜说", "3abc王五"]
    for text in [*_slices(TEXT, 100 if hmm else 400, 1), *edge_cases]:
        expected = [(p.word, p.flag) for p in posseg.cut(text, HMM=hmm)]  # type: ignore[attr-defined]
        assert _cut(text, hmm) == expected, text


def test_date_matches_are_finditers_non_empty_ones() -> None:
    rng = random.Random(2)
    alphabet = "年月日号份今去明前底初上中下旬 \u300012390一二两十。，ab"
    texts = [*_slices(TEXT, 300, 3), *("".join(rng.choice(alphabet) for _ in range(rng.randrange(25)))
                                       for _ in range(2000))]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in DATE_RE.finditer(text) if m.group()]
        assert [(m.span(), m.groupdict()) for m in _date_matches(text)] == expected, text


def test_pieces_convert_together_as_alone() -> None:
    pieces = [p for p in _slices(TEXT.replace("\n", ""), 200, 4)]
    for convert in (_t2s, _tw2sp):
        assert _convert_many(convert, pieces) == [convert(p) for p in pieces]


def test_sentence_spans_split_as_by_character() -> None:
    def by_character(text: str) -> list[tuple[int, int]]:
        out, start, i = [], 0, 0
        while i < len(text):
            if text[i] in "。！？；!?;\n":
                end = i + 1
                while end < len(text) and text[end] in "”’」』）)】":
                    end += 1
                if text[start:end].strip():
                    out.append((start, end))
                start = i = end
                continue
            i += 1
        if text[start:].strip():
            out.append((start, len(text)))
        return out

    rng = random.Random(5)
    for text in [TEXT, *("".join(rng.choice("ab 。!;\n”）") for _ in range(rng.randrange(20)))
                         for _ in range(2000))]:
        assert list(sentence_spans(text)) == by_character(text), text


def test_viterbi_is_the_textbook_one() -> None:
    def textbook(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> list[list[int]]:
        out = []
        for b in range(emissions.shape[0]):
            em = emissions[b, :lengths[b]]
            score, back = em[0].copy(), []
            for t in range(1, len(em)):
                total = score[:, None] + transitions
                back.append(total.argmax(axis=0))
                score = total.max(axis=0) + em[t]
            path = [int(score.argmax())]
            for pointers in reversed(back):
                path.append(int(pointers[path[-1]]))
            out.append(path[::-1])
        return out

    rng = np.random.default_rng(6)
    transitions = rng.normal(size=(7, 7)).astype(np.float32)
    transitions[2, 3] = transitions[4, 3]  # a tie: the lower tag wins either way
    for _ in range(20):
        lengths = rng.integers(1, 12, size=int(rng.integers(1, 6)))
        emissions = rng.normal(size=(len(lengths), int(lengths.max()), 7)).astype(np.float32)
        emissions = np.round(emissions, 1)  # ties in the sums too
        assert _viterbi(np, emissions, transitions, lengths) == textbook(emissions, transitions, lengths)
