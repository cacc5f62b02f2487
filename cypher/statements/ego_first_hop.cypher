// name: ego_first_hop
// description: The distinct neighbours of one entity through relations of the given types (all when empty), either direction.
// params:
//   id: {type: entity, description: "The centre."}
//   types: {type: list, description: "Relation types to follow; empty for all."}
// @neo4j
MATCH (a{{anchor:id}} {id: $id})-[r]-(b) WHERE size($types) = 0 OR type(r) IN $types RETURN DISTINCT b.id AS id
// @ladybug
MATCH (a{{anchor:id}} {id: $id})-[r]-(b) WHERE size($types) = 0 OR label(r) IN $types RETURN DISTINCT b.id AS id
