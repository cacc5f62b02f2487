// name: entity_relations
// description: Every relationship of one entity, outgoing and incoming, with the node at the other end.
// params:
//   id: {type: entity, description: "The entity's id."}
MATCH (a{{anchor:id}} {id: $id})-[r]->(b) RETURN 'out' AS direction, b AS other, r AS rel
UNION ALL
MATCH (a{{anchor:id}} {id: $id})<-[r]-(b) RETURN 'in' AS direction, b AS other, r AS rel
