// name: entity_neighbours
// title_zh: 实体的直接关系
// title_en: Direct relations of an entity
// description: Every relation of an entity, optionally of one type, with direction, the other end and qualifiers.
// params:
//   entity: {type: entity, default: 香港中文大学（深圳）, example: 华为, description: "The entity."}
//   type: {type: reltype, default: "", example: 牵头, description: "One relation type, or empty for all."}
// @neo4j
MATCH (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE $type = '' OR type(r) = $type
RETURN type(r) AS relation, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, labels(b)[0] AS other_label, r.date AS date, r.role AS role,
       r.citations AS citations
ORDER BY relation, other_id, direction, date, role, r.key
// @ladybug
MATCH p = (a{{anchor:entity}} {id: $entity})-[r]-(b)
WHERE $type = '' OR label(r) = $type
RETURN label(r) AS relation, CASE WHEN properties(rels(p), '_SRC')[1] = id(a) THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, label(b) AS other_label, r.date AS date, r.role AS role,
       r.citations AS citations
ORDER BY relation, other_id, direction, date, role, r.key
