// name: relations_between
// description: Every relationship between two entities, either direction (a path hop's relations, with qualifiers and citations).
// params:
//   source: {type: entity, description: "One end (the one with fewer relationships, for speed)."}
//   target: {type: entity, description: "The other end."}
MATCH (a{{anchor:source}} {id: $source})-[r]-(b{{anchor:target}} {id: $target}) RETURN r AS rel
