// name: projection_properties
// description: The key and properties of every relationship of one type — read once, when the projection's side table of qualifiers and citations is not on disk.
// inputs:
//   type: reltype
MATCH (a)-[r:{{type:type}}]->(b) RETURN r.key AS key, r AS rel
