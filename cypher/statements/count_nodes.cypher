// name: count_nodes
// description: The number of nodes of one label.
// inputs:
//   label: label
MATCH (n:{{label:label}}) RETURN count(n) AS n
