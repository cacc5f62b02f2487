// name: policy_overview
// title_zh: 政策概览
// title_en: Policies — issuers, dates, beneficiaries, related funds
// description: Each policy (or one) with who issued it (发布), when, who benefits (获得), and the funds its issuers set up (设立). Vouchers such as 训力券 are policies of type voucher.
// params:
//   policy: {type: entity, default: "", example: 训力券, description: "One policy, or empty for all."}
// @neo4j
MATCH (p:Policy)
WHERE $policy = '' OR p.id = $policy
RETURN p.id AS policy_id, p.name AS policy, p.policy_type AS policy_type, p.issued AS issued,
       COLLECT { MATCH (g)-[:发布]->(p) RETURN DISTINCT g.name AS n ORDER BY n } AS issuers,
       COLLECT { MATCH (b)-[:获得]->(p) RETURN DISTINCT b.name AS n ORDER BY n } AS beneficiaries,
       COLLECT { MATCH (g)-[:发布]->(p) MATCH (g)-[:设立]->(f:Fund) RETURN DISTINCT f.name AS n ORDER BY n }
       AS related_funds
ORDER BY issued, policy_id
// @ladybug
MATCH (p:Policy)
WHERE $policy = '' OR p.id = $policy
OPTIONAL MATCH (b)-[:获得]->(p)
WITH p, list_sort(collect(DISTINCT b.name)) AS beneficiaries
OPTIONAL MATCH (g)-[:发布]->(p)
OPTIONAL MATCH (g)-[:设立]->(f:Fund)
RETURN p.id AS policy_id, p.name AS policy, p.policy_type AS policy_type, p.issued AS issued,
       list_sort(collect(DISTINCT g.name)) AS issuers, beneficiaries,
       list_sort(collect(DISTINCT f.name)) AS related_funds
ORDER BY issued, policy_id
