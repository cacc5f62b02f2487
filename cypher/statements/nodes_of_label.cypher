// name: nodes_of_label
// description: Nodes of one label by id, through that label's id index.
// params:
//   ids: {type: list, description: "Ids to fetch, all of the label."}
// inputs:
//   label: label
UNWIND $ids AS i MATCH (n:{{label:label}} {id: i}) RETURN n AS node
