// name: projection_nodes
// description: Every node of one label with its properties — read once, when the projection's side table of node records is not on disk.
// inputs:
//   label: label
MATCH (n:{{label:label}}) RETURN n AS node
