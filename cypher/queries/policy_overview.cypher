// name: policy_overview
// title_zh: 政策概览
// title_en: Policies — issuers, dates, beneficiaries, related funds
// description: Each policy (or one) with who issued it (发布), when, who benefits (获得), and the funds its issuers set up (设立). Vouchers such as 训力券 are policies of type voucher.
// params:
//   policy: {type: entity, default: "", example: 训力券, description: "One policy, or empty for all."}
// @neo4j
MATCH (p:Policy)
WHERE $policy = '' OR p.id = $policy
OPTIONAL MATCH (b)-[:获得]->(p)
WITH p, collect(DISTINCT b.name) AS beneficiaries
OPTIONAL MATCH (g)-[:发布]->(p)
OPTIONAL MATCH (g)-[:设立]->(f:Fund)
RETURN p.id AS policy_id, p.name AS policy, p.policy_type AS policy_type, p.issued AS issued,
       collect(DISTINCT g.name) AS issuers, beneficiaries,
       collect(DISTINCT f.name) AS related_funds
ORDER BY issued, policy_id
// @ladybug
MATCH (p:Policy)
WHERE $policy = '' OR p.id = $policy
OPTIONAL MATCH (b)-[:获得]->(p)
WITH p, collect(DISTINCT b.name) AS beneficiaries
OPTIONAL MATCH (g)-[:发布]->(p)
OPTIONAL MATCH (g)-[:设立]->(f:Fund)
RETURN p.id AS policy_id, p.name AS policy, p.policy_type AS policy_type, p.issued AS issued,
       collect(DISTINCT g.name) AS issuers, beneficiaries,
       collect(DISTINCT f.name) AS related_funds
ORDER BY issued, policy_id
