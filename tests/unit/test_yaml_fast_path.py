"""The one-flow-mapping-per-line fast path reads exactly what PyYAML reads, or leaves it to PyYAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.curated import default_data_dir
from loaders.synth import write_synthetic
from loaders.yaml_lines import YamlFileError, flow_lines, read_list


def pyyaml_items(text: str) -> list[tuple[int, object]]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        return [(n.start_mark.line + 1, loader.construct_object(n, deep=True)) for n in root.value]
    finally:
        loader.dispose()


def typed(items: list[tuple[int, object]]) -> list[tuple[int, object]]:
    """Items with each value's type beside it (1 and True and 1.0 must not pass for each other)."""
    def t(v: object) -> object:
        if isinstance(v, dict):
            return {k: t(x) for k, x in v.items()}
        if isinstance(v, list):
            return [t(x) for x in v]
        return (type(v).__name__, v)
    return [(line, t(value)) for line, value in items]


def test_curated_relation_files_take_the_fast_path_with_identical_values() -> None:
    files = sorted((default_data_dir() / "relations").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = flow_lines(text)
        assert fast is not None, path
        assert typed(fast) == typed(pyyaml_items(text)), path


def test_synthetic_files_take_the_fast_path_with_identical_values(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "data", 300, seed=5)
    for path in sorted((tmp_path / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = flow_lines(text)
        assert fast is not None, path
        assert typed(fast) == typed(pyyaml_items(text)), path


@pytest.mark.parametrize("line", [
    "- {a: 1, b: '2025-01', c: [x, 'y''z', 3], d: true, e: 1.5, f: 中文：说明。}",
    "- {a: 2024-09, b: 2022年在深圳成立, c: 500P, d: 2025-2027, e: 1e5, f: \"q\", g: []}",
    "- {a: x y , b: z}",
])
def test_lines_the_fast_path_reads(line: str) -> None:
    text = f"# header\n\n{line}\n"
    fast = flow_lines(text)
    assert fast is not None
    assert typed(fast) == typed(pyyaml_items(text))


@pytest.mark.parametrize("value", ["yes", "012", "2025-01-02", "~", "-1", "1_000", ".5", "0x1F", "1:20",
                                   "a:b",
                                   "[1, [2]]", "{b: 1}", "&a x", "!!str 1"])
def test_values_pyyaml_resolves_differently_are_left_to_pyyaml(tmp_path: Path, value: str) -> None:
    text = f"- {{type: 合作, a: {value}}}\n"
    assert flow_lines(text) is None
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert [(i.line, i.value) for i in read_list(path)] == pyyaml_items(text)


@pytest.mark.parametrize("text", ["- {a: 1}\r\n- {a: 2}\r\n", "- {a: 1}\t\n", "  - {a: 1}\n",
                                  "- {a: 1}  # note\n", "---\n- {a: 1}\n", "- {a: 1, }\n"])
def test_other_layouts_are_left_to_pyyaml(text: str) -> None:
    assert flow_lines(text) is None


def test_syntax_errors_keep_pyyaml_message_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- {a: 1}\n- {a: 2}\n- {a: b: c}\n", encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        list(read_list(path, "relations/bad.yaml"))
    assert caught.value.issue.path == "relations/bad.yaml" and caught.value.issue.line == 3
    assert "YAML syntax error" in caught.value.issue.message


@pytest.mark.parametrize("text", [
    "- {name: foo\u00a0}\n", "- {k:\u3000v}\n", "- {a: [x\u3000, y]}\n", "- {a: 1}\u3000\n",
    "- {null: 1}\n", "- {yes: 1, b: 2}\n", "- {on: x}\n",
])
def test_unicode_spaces_and_non_string_keys_are_left_to_pyyaml(text: str) -> None:
    """U+00A0 and U+3000 are not YAML spaces; null/yes/on keys are not strings to PyYAML."""
    assert flow_lines(text) is None
