// name: ego_next_hop
// description: The distinct neighbours of a frontier of entities through relations of the given types, either direction.
// params:
//   ids: {type: list, description: "The frontier."}
//   types: {type: list, description: "Relation types to follow; empty for all."}
// @neo4j
MATCH (a)-[r]-(b) WHERE a.id IN $ids AND (size($types) = 0 OR type(r) IN $types) RETURN DISTINCT b.id AS id
// @ladybug
MATCH (a)-[r]-(b) WHERE a.id IN $ids AND (size($types) = 0 OR label(r) IN $types) RETURN DISTINCT b.id AS id
