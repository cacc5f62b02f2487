// name: centre_members
// title_zh: 创新中心的成员与参与方
// title_en: Members and participants of an innovation centre
// description: Everything directly linked to an innovation centre — leaders, participants, partners, accrediting bodies — with the relation, its direction and role.
// params:
//   centre: {type: entity, default: 华为（深圳）全球具身智能产业创新中心, example: 国家地方共建具身智能机器人创新中心, description: "The innovation centre."}
// @neo4j
MATCH (c:InnovationCenter {id: $centre})-[r]-(m)
RETURN m.id AS member_id, m.name AS member, labels(m)[0] AS member_label, type(r) AS relation,
       CASE WHEN startNode(r) = m THEN 'to centre' ELSE 'from centre' END AS direction,
       r.role AS role, r.date AS date
ORDER BY relation, member_id, direction, role, date
// @ladybug
MATCH p = (c:InnovationCenter {id: $centre})-[r]-(m)
RETURN m.id AS member_id, m.name AS member, label(m) AS member_label, label(r) AS relation,
       CASE WHEN properties(rels(p), '_SRC')[1] = id(m) THEN 'to centre' ELSE 'from centre' END AS direction,
       r.role AS role, r.date AS date
ORDER BY relation, member_id, direction, role, date
