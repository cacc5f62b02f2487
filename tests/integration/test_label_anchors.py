"""Label-anchored lookups (ego networks, entity detail, paths) answer exactly as unanchored ones."""

from __future__ import annotations

import pytest

from cypher.ego import MAX_PATH_HOPS, ego_network, entity_detail, fetch_nodes, find_paths
from cypher.names import NameIndex
from graph.model import KnowledgeGraph
from graph.stores.embedded import EmbeddedStore

CENTRES = ["ubtech", "leju", "huawei", "cuhk-shenzhen", "guangdong-embodied-ai-center", "szvc"]


@pytest.fixture(scope="module")
def labels(embedded_store: EmbeddedStore) -> dict[str, str]:
    return NameIndex.from_store(embedded_store).labels


def test_the_name_index_knows_every_label(labels: dict[str, str], graph: KnowledgeGraph) -> None:
    assert labels == {n.id: n.label for n in graph.nodes.values()}


@pytest.mark.parametrize("center", CENTRES)
@pytest.mark.parametrize("depth", [1, 2])
def test_ego_networks_are_the_same_with_labels(embedded_store: EmbeddedStore, labels: dict[str, str],
                                               center: str, depth: int) -> None:
    anchored = ego_network(embedded_store, center, depth, labels=labels)
    assert anchored == ego_network(embedded_store, center, depth)
    assert len(anchored["nodes"]) > 1


def test_nodes_with_and_without_a_known_label_are_all_fetched(embedded_store: EmbeddedStore,
                                                              labels: dict[str, str]) -> None:
    ids = [*CENTRES, "no-such-entity"]
    partial = {i: labels[i] for i in CENTRES[:3]}
    found = fetch_nodes(embedded_store, ids, partial)
    assert set(found) == set(CENTRES)
    assert found == fetch_nodes(embedded_store, ids) == fetch_nodes(embedded_store, ids, labels)


@pytest.mark.parametrize("center", CENTRES)
def test_entity_detail_is_the_same_with_labels(embedded_store: EmbeddedStore, labels: dict[str, str],
                                               center: str) -> None:
    anchored = entity_detail(embedded_store, center, labels=labels)
    assert anchored is not None and anchored["relations"]
    assert anchored == entity_detail(embedded_store, center)


@pytest.mark.parametrize("hops", range(1, MAX_PATH_HOPS + 1))
def test_paths_are_the_same_with_labels_at_every_bound(embedded_store: EmbeddedStore, labels: dict[str, str],
                                                       hops: int) -> None:
    for source, target in [("leju", "cuhk-shenzhen"), ("ubtech", "szvc")]:
        anchored = find_paths(embedded_store, source, target=target, max_hops=hops, labels=labels)
        assert anchored == find_paths(embedded_store, source, target=target, max_hops=hops)
    # One shortest path per centre: which one, among equally short ones, is the engine's choice.
    to_label = find_paths(embedded_store, "ubtech", target_label="InnovationCenter", max_hops=hops,
                          labels=labels)
    plain = find_paths(embedded_store, "ubtech", target_label="InnovationCenter", max_hops=hops)
    assert ends(to_label) == ends(plain) and ends(plain)
    assert all(p["hops"] <= hops and p["nodes"][0]["id"] == "ubtech" for p in to_label["paths"])


def ends(found: dict) -> list[tuple[str, int]]:
    return [(p["nodes"][-1]["id"], p["hops"]) for p in found["paths"]]
