"""Network analytics: networkx reference functions and the igraph backend used at scale."""

from __future__ import annotations

from graph.analytics.fast import FastGraph
from graph.analytics.measures import MEASURES, Analytics, AnalyticsError, MeasureResult
from graph.analytics.reference import (
    DEFAULT_SEED,
    Bridge,
    Community,
    Ranked,
    betweenness_ranking,
    bridges,
    communities,
    degree_ranking,
    pagerank_ranking,
    undirected,
)

__all__ = ["DEFAULT_SEED", "MEASURES", "Analytics", "AnalyticsError", "Bridge", "Community", "FastGraph",
           "MeasureResult", "Ranked", "betweenness_ranking", "bridges", "communities", "degree_ranking",
           "pagerank_ranking", "undirected"]
