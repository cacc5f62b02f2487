// name: shortest_path
// title_zh: 两个实体间的最短路径
// title_en: Shortest paths between two entities
// description: Every shortest path between two entities, ignoring direction, up to max_hops long.
// params:
//   source: {type: entity, default: 逐际动力, example: 优必选, description: "Start entity."}
//   target: {type: entity, default: 香港中文大学（深圳）, example: 国家地方共建具身智能机器人创新中心, description: "End entity."}
//   max_hops: {type: int, default: 6, min: 1, max: 8, description: "Longest path considered."}
// graph_columns: [path_ids, path_types]
// @neo4j
MATCH (a{{anchor:source}} {id: $source})
MATCH (b{{anchor:target}} {id: $target})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..{{hops:max_hops}}]-(b))
WITH p
WHERE length(p) <= $max_hops
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_types
ORDER BY hops, path_ids, path_types
// @ladybug
MATCH p = (a{{anchor:source}} {id: $source})-[* ALL SHORTEST 1..{{hops:max_hops}}]-(b{{anchor:target}} {id: $target})
WHERE length(p) <= $max_hops
RETURN length(p) AS hops, properties(nodes(p), 'id') AS path_ids, properties(nodes(p), 'name') AS path_names,
       properties(rels(p), '_LABEL') AS path_types
ORDER BY hops, list_to_string(' ', path_ids), list_to_string(' ', path_types)
