// name: count_relationships
// description: The number of relationships of one type.
// inputs:
//   type: reltype
MATCH ()-[r:{{type:type}}]->() RETURN count(r) AS n
