// name: prune_relationships
// kind: loader
// description: Delete the relationships of a type that the loaded graph does not hold.
// params:
//   keys: {type: list, description: "Keys the graph holds."}
// inputs:
//   type: reltype
// @neo4j
MATCH ()-[r:{{type:type}}]->() WHERE NOT r.key IN $keys DELETE r
