// name: prune_nodes
// kind: loader
// description: Delete the nodes of a label that the loaded graph does not hold.
// params:
//   ids: {type: list, description: "Ids the graph holds."}
// inputs:
//   label: label
// @neo4j
MATCH (n:{{label:label}}) WHERE NOT n.id IN $ids DETACH DELETE n
