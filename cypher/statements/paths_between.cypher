// name: paths_between
// description: Every shortest path between two entities, ignoring direction, up to max_hops long.
// params:
//   source: {type: entity, description: "Start."}
//   target: {type: entity, description: "End."}
//   max_hops: {type: int, min: 1, max: 6, description: "Longest path searched."}
// @neo4j
MATCH (a{{anchor:source}} {id: $source}) MATCH (b{{anchor:target}} {id: $target})
MATCH p = allShortestPaths((a)-[*..{{hops:max_hops}}]-(b))
WITH p WHERE length(p) <= $max_hops RETURN p AS path
// @ladybug
MATCH p = (a{{anchor:source}} {id: $source})-[* ALL SHORTEST 1..{{hops:max_hops}}]-(b{{anchor:target}} {id: $target})
WHERE length(p) <= $max_hops RETURN p AS path
