// name: company_rounds
// title_zh: 企业融资轮次
// title_en: Funding rounds of a company
// description: Each round a company raised (round, date, amount, currency) with its investors and lead investors; rounds with no named investor are listed too.
// params:
//   company: {type: entity, default: 源升智能, example: 逐际动力, description: "The company."}
// @neo4j
MATCH (c{{anchor:company}} {id: $company})-[:融资]->(r:FundingRound)
RETURN r.id AS round_id, r.round AS round, r.date AS date, r.amount AS amount,
       r.currency AS currency, r.amount_text AS amount_text,
       COLLECT { MATCH (i)-[:投资]->(r) RETURN i.name AS n ORDER BY n } AS investors,
       COLLECT { MATCH (i)-[v:投资]->(r) WHERE v.lead RETURN i.name AS n ORDER BY n } AS lead_investors
ORDER BY date, round_id
// @ladybug
MATCH (c{{anchor:company}} {id: $company})-[:融资]->(r:FundingRound)
OPTIONAL MATCH (i)-[v:投资]->(r)
RETURN r.id AS round_id, r.round AS round, r.date AS date, r.amount AS amount,
       r.currency AS currency, r.amount_text AS amount_text,
       list_sort(collect(i.name)) AS investors,
       list_sort(collect(CASE WHEN v.lead THEN i.name END)) AS lead_investors
ORDER BY date, round_id
