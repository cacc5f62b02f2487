// name: nodes_by_id
// description: Nodes by id, of any label (one scan of every node table).
// params:
//   ids: {type: list, description: "Ids to fetch."}
MATCH (n) WHERE n.id IN $ids RETURN n AS node
