// name: prune_nodes
// kind: loader
// description: Delete, a batch per transaction, the nodes of a label that the loaded graph does not hold.
// params:
//   ids: {type: list, description: "Ids the graph holds."}
//   batch: {type: int, description: "Most deleted per transaction."}
// inputs:
//   label: label
// @neo4j
MATCH (n:{{label:label}}) WHERE NOT n.id IN $ids
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
