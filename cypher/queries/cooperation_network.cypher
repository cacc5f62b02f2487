// name: cooperation_network
// title_zh: 合作网络
// title_en: Cooperation (合作) network of an entity
// description: Partners of an entity through 合作 relations only, up to depth steps away, with each shortest chain of partners.
// params:
//   entity: {type: entity, default: 乐聚机器人, example: 华为, description: "The entity."}
//   depth: {type: int, default: 2, min: 1, max: 3, description: "How many 合作 steps away."}
// graph_columns: [path_ids, path_types]
// @neo4j
MATCH (a{{anchor:entity}} {id: $entity})
MATCH (b)
WHERE a <> b
MATCH p = allShortestPaths((a)-[:合作*..{{hops:depth}}]-(b))
WITH b, p
WHERE length(p) <= $depth
RETURN b.id AS partner_id, b.name AS partner, labels(b)[0] AS partner_label, length(p) AS steps,
       [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_types
ORDER BY steps, partner_id, path_ids, path_types
// @ladybug
MATCH p = (a{{anchor:entity}} {id: $entity})-[:合作* ALL SHORTEST 1..{{hops:depth}}]-(b)
WHERE length(p) <= $depth
RETURN b.id AS partner_id, b.name AS partner, label(b) AS partner_label, length(p) AS steps,
       properties(nodes(p), 'id') AS path_ids, properties(nodes(p), 'name') AS path_names,
       properties(rels(p), '_LABEL') AS path_types
ORDER BY steps, partner_id, list_to_string(' ', path_ids), list_to_string(' ', path_types)
