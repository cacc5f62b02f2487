// name: ego_edges
// description: The relationships among a set of entities, of the given types (all when empty).
// params:
//   ids: {type: list, description: "The entities."}
//   types: {type: list, description: "Relation types; empty for all."}
// @neo4j
MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids AND (size($types) = 0 OR type(r) IN $types)
RETURN a.id AS source, b.id AS target, r AS rel
// @ladybug
MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids AND (size($types) = 0 OR label(r) IN $types)
RETURN a.id AS source, b.id AS target, r AS rel
