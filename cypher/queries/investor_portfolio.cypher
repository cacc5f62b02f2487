// name: investor_portfolio
// title_zh: 投资方的投资组合
// title_en: Portfolio of an investor
// description: What an investor put money into — funding rounds (with the company that raised them) and direct stakes — with round, date and whether it led.
// params:
//   investor: {type: entity, default: 深创投, example: 深圳市创新投资集团, description: "The investor."}
// @neo4j
MATCH (i{{anchor:investor}} {id: $investor})-[v:投资]->(t)
OPTIONAL MATCH (c)-[:融资]->(t)
RETURN coalesce(c.id, t.id) AS investee_id, coalesce(c.name, t.name) AS investee,
       t.round AS round, coalesce(t.date, v.date) AS date, v.lead AS lead, v.role AS role
ORDER BY investee_id, date, round, lead, role
// @ladybug
MATCH (i{{anchor:investor}} {id: $investor})-[v:投资]->(t)
OPTIONAL MATCH (c)-[:融资]->(t)
RETURN coalesce(c.id, t.id) AS investee_id, coalesce(c.name, t.name) AS investee,
       t.round AS round, coalesce(t.date, v.date) AS date, v.lead AS lead, v.role AS role
ORDER BY investee_id, date, round, lead, role
