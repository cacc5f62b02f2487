// name: projection_edges
// description: Both ends and the key of every relationship of one type — read once at start-up into the in-memory projection.
// inputs:
//   type: reltype
MATCH (a)-[r:{{type:type}}]->(b) RETURN a.id AS source, b.id AS target, r.key AS key
