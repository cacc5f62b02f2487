// name: entity_timeline
// title_zh: 实体时间线
// title_en: Timeline of an entity
// description: The dated relations of an entity in date order, each with its direction and the other end; with as_of, only those dated on or before it (a YYYY-MM date counts from its first day).
// params:
//   entity: {type: entity, default: 乐聚机器人, example: 優必選, description: "The entity."}
//   as_of: {type: date, default: "", example: "2025-03-31", description: "YYYY-MM-DD: relations dated on or before it only."}
// @neo4j
MATCH (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE r.date IS NOT NULL AND ($as_of = '' OR r.date <= $as_of)
RETURN r.date AS date, type(r) AS relation,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, r.role AS role
ORDER BY date, relation, other_id, direction, role, r.key
// @ladybug
MATCH p = (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE r.date IS NOT NULL AND ($as_of = '' OR r.date <= $as_of)
RETURN r.date AS date, label(r) AS relation,
       CASE WHEN properties(rels(p), '_SRC')[1] = id(a) THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, r.role AS role
ORDER BY date, relation, other_id, direction, role, r.key
