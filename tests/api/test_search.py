"""``/api/search``: ranked, script-insensitive name search."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize("q", ["优必选", "優必選", "ubtech", "UBTECH"])
def test_ubtech_ranks_first_in_either_script(client: httpx.Client, q: str) -> None:
    body = client.get("/api/search", params={"q": q}).json()
    assert body["query"] == q
    first = body["results"][0]
    assert first["id"] == "ubtech" and first["name"] == "优必选" and first["label"] == "Company"
    assert set(first) == {"id", "name", "name_en", "label", "score", "matched"}


def test_exact_then_prefix_then_substring(client: httpx.Client) -> None:
    results = client.get("/api/search", params={"q": "深圳", "limit": 50}).json()["results"]
    assert results[0]["id"] == "shenzhen" and results[0]["score"] == 1.0
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    prefix = [r for r in results if r["matched"].startswith("深圳") and r["score"] < 1]
    substring = [r for r in results if not r["matched"].startswith("深圳")]
    assert prefix and substring
    assert min(r["score"] for r in prefix) > max(r["score"] for r in substring)


def test_limit_caps_results(client: httpx.Client) -> None:
    assert len(client.get("/api/search", params={"q": "机器人", "limit": 3}).json()["results"]) == 3


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 201},
                                    {"q": "优必选", "limit": 0}, {"q": "优必选", "limit": "many"}])
def test_bad_search_parameters_are_422(client: httpx.Client, params: dict) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("q", ["youbixuan", "ybx", "YouBiXuan", "you bi xuan"])
def test_pinyin_and_initials_find_ubtech(client: httpx.Client, q: str) -> None:
    first = client.get("/api/search", params={"q": q}).json()["results"][0]
    assert first["id"] == "ubtech" and first["name"] == "优必选"


def test_an_unknown_pinyin_name_suggests_the_chinese_one(client: httpx.Client) -> None:
    response = client.get("/api/entities/youbixuan")
    assert response.status_code == 404
    assert response.json()["detail"]["suggestions"][0] == "优必选"
