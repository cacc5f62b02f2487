// name: entity_timeline
// title_zh: 实体时间线
// title_en: Timeline of an entity
// description: The dated relations of an entity in date order, each with its direction and the other end.
// params:
//   entity: {type: entity, default: 乐聚机器人, example: 優必選, description: "The entity."}
// @neo4j
MATCH (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE r.date IS NOT NULL
RETURN r.date AS date, type(r) AS relation,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, r.role AS role
ORDER BY date, relation, other_id, direction, role, r.key
// @ladybug
MATCH p = (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE r.date IS NOT NULL
RETURN r.date AS date, label(r) AS relation,
       CASE WHEN properties(rels(p), '_SRC')[1] = id(a) THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, r.role AS role
ORDER BY date, relation, other_id, direction, role, r.key
