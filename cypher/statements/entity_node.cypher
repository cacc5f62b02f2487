// name: entity_node
// description: One node by id.
// params:
//   id: {type: entity, description: "The entity's id."}
MATCH (n{{anchor:id}} {id: $id}) RETURN n AS node
