// name: co_investors
// title_zh: 共同投资方
// title_en: Co-investors of an investor
// description: Other investors that put money into the same funding round or organisation as the given investor, with how many investees they share.
// params:
//   investor: {type: entity, default: 深圳, example: 南山区, description: "The investor."}
// @neo4j
MATCH (i{{anchor:investor}} {id: $investor})-[:投资]->(t)<-[:投资]-(o)
WHERE o <> i
RETURN o.id AS co_investor_id, o.name AS co_investor, count(DISTINCT t) AS shared,
       COLLECT { MATCH (i)-[:投资]->(s)<-[:投资]-(o) OPTIONAL MATCH (c)-[:融资]->(s)
                 RETURN DISTINCT coalesce(c.name, s.name) AS investee ORDER BY investee } AS investees
ORDER BY shared DESC, co_investor_id
// @ladybug
MATCH (i{{anchor:investor}} {id: $investor})-[:投资]->(t)<-[:投资]-(o)
WHERE o.id <> i.id
OPTIONAL MATCH (c)-[:融资]->(t)
RETURN o.id AS co_investor_id, o.name AS co_investor, count(DISTINCT t.id) AS shared,
       list_sort(collect(DISTINCT coalesce(c.name, t.name))) AS investees
ORDER BY shared DESC, co_investor_id
