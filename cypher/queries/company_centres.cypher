// name: company_centres
// title_zh: 企业可达的创新中心
// title_en: Innovation centres a company reaches
// description: Every innovation centre within max_hops of a company (any relation, either direction), with each of its shortest paths as names and relation types.
// params:
//   company: {type: entity, default: 乐聚机器人, example: 優必選, description: "The company (id, name or alias)."}
//   max_hops: {type: int, default: 3, min: 1, max: 6, description: "Longest path considered."}
// graph_columns: [path_ids, path_types]
// @neo4j
MATCH (a{{anchor:company}} {id: $company})
MATCH (c:InnovationCenter)
WHERE a <> c
MATCH p = allShortestPaths((a)-[*..{{hops:max_hops}}]-(c))
WITH c, p
WHERE length(p) <= $max_hops
RETURN c.id AS centre_id, c.name AS centre, length(p) AS hops,
       [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_types
ORDER BY hops, centre_id, path_ids, path_types
// @ladybug
MATCH p = (a{{anchor:company}} {id: $company})-[* ALL SHORTEST 1..{{hops:max_hops}}]-(c:InnovationCenter)
WHERE length(p) <= $max_hops
RETURN c.id AS centre_id, c.name AS centre, length(p) AS hops,
       properties(nodes(p), 'id') AS path_ids, properties(nodes(p), 'name') AS path_names,
       properties(rels(p), '_LABEL') AS path_types
ORDER BY hops, centre_id, list_to_string(' ', path_ids), list_to_string(' ', path_types)
