// name: centre_companies
// title_zh: 创新中心关联的企业
// title_en: Companies linked to an innovation centre
// description: Every company within max_hops of an innovation centre (any relation, either direction), with each of its shortest paths as names and relation types.
// params:
//   centre: {type: entity, default: 华为（深圳）全球具身智能产业创新中心, example: 广东省具身智能机器人创新中心, description: "The innovation centre."}
//   max_hops: {type: int, default: 3, min: 1, max: 6, description: "Longest path considered."}
// graph_columns: [path_ids, path_types]
// @neo4j
MATCH (a{{anchor:centre}} {id: $centre})
MATCH (x:Company)
WHERE a <> x
MATCH p = allShortestPaths((a)-[*..{{hops:max_hops}}]-(x))
WITH x, p
WHERE length(p) <= $max_hops
RETURN x.id AS company_id, x.name AS company, length(p) AS hops,
       [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_types
ORDER BY hops, company_id, path_ids, path_types
// @ladybug
MATCH p = (a{{anchor:centre}} {id: $centre})-[* ALL SHORTEST 1..{{hops:max_hops}}]-(x:Company)
WHERE length(p) <= $max_hops
RETURN x.id AS company_id, x.name AS company, length(p) AS hops,
       properties(nodes(p), 'id') AS path_ids, properties(nodes(p), 'name') AS path_names,
       properties(rels(p), '_LABEL') AS path_types
ORDER BY hops, company_id, list_to_string(' ', path_ids), list_to_string(' ', path_types)
