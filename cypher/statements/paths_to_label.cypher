// name: paths_to_label
// description: One shortest path, ignoring direction, from an entity to each entity of a label, nearest first.
// params:
//   source: {type: entity, description: "Start."}
//   label: {type: label, description: "The label of the ends."}
//   max_hops: {type: int, min: 1, max: 6, description: "Longest path searched."}
// @neo4j
MATCH (a{{anchor:source}} {id: $source}) MATCH (c) WHERE $label IN labels(c) AND c <> a
MATCH p = shortestPath((a)-[*..{{hops:max_hops}}]-(c))
WITH p, c WHERE length(p) <= $max_hops
RETURN p AS path, length(p) AS hops, c.id AS target ORDER BY hops, target
// @ladybug
MATCH p = (a{{anchor:source}} {id: $source})-[* SHORTEST 1..{{hops:max_hops}}]-(c)
WHERE label(c) = $label AND c.id <> $source AND length(p) <= $max_hops
RETURN p AS path, length(p) AS hops, c.id AS target ORDER BY hops, target
