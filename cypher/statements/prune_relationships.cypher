// name: prune_relationships
// kind: loader
// description: Delete, a batch per transaction, the relationships of a type that the loaded graph does not hold.
// params:
//   keys: {type: list, description: "Keys the graph holds."}
//   batch: {type: int, description: "Most deleted per transaction."}
// inputs:
//   type: reltype
// @neo4j
MATCH ()-[r:{{type:type}}]->() WHERE NOT r.key IN $keys
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
