// name: merge_nodes
// kind: loader
// description: Upsert a batch of nodes of one label; SET n = row.props makes each node exactly its row.
// params:
//   rows: {type: rows, description: "Maps with id and props."}
// inputs:
//   label: label
// @neo4j
UNWIND $rows AS row MERGE (n:{{label:label}} {id: row.id}) SET n = row.props
