// name: merge_relationships
// kind: loader
// description: Upsert a batch of relationships of one type between two labels, keyed by key.
// params:
//   rows: {type: rows, description: "Maps with source, target, key and props."}
// inputs:
//   type: reltype
//   from: label
//   to: label
// @neo4j
UNWIND $rows AS row
MATCH (a:{{label:from}} {id: row.source})
MATCH (b:{{label:to}} {id: row.target})
MERGE (a)-[r:{{type:type}} {key: row.key}]->(b)
SET r = row.props
