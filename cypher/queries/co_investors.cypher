// name: co_investors
// title_zh: 共同投资方
// title_en: Co-investors of an investor
// description: Other investors that put money into the same funding round or organisation as the given investor, with how many investees they share.
// params:
//   investor: {type: entity, default: 深圳, example: 南山区, description: "The investor."}
// @neo4j
// The investees are sorted before they are collected: Neo4j's collect keeps the order of its rows.
MATCH (i{{anchor:investor}} {id: $investor})-[:投资]->(t)<-[:投资]-(o)
WHERE o <> i
OPTIONAL MATCH (c)-[:融资]->(t)
WITH o, t, coalesce(c.name, t.name) AS investee
ORDER BY investee
WITH o, count(DISTINCT t) AS shared, collect(DISTINCT investee) AS investees
RETURN o.id AS co_investor_id, o.name AS co_investor, shared, investees
ORDER BY shared DESC, co_investor_id
// @ladybug
MATCH (i{{anchor:investor}} {id: $investor})-[:投资]->(t)<-[:投资]-(o)
WHERE o.id <> i.id
OPTIONAL MATCH (c)-[:融资]->(t)
RETURN o.id AS co_investor_id, o.name AS co_investor, count(DISTINCT t.id) AS shared,
       list_sort(collect(DISTINCT coalesce(c.name, t.name))) AS investees
ORDER BY shared DESC, co_investor_id
