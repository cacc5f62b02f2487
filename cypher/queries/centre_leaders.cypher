// name: centre_leaders
// title_zh: 创新中心的牵头单位
// title_en: Who leads each innovation centre
// description: The organisations that 牵头 (lead) each innovation centre, or one centre when given.
// params:
//   centre: {type: entity, default: "", example: 广东省具身智能机器人创新中心, description: "One centre, or empty for all."}
// @neo4j
MATCH (l)-[r:牵头]->(c:InnovationCenter)
WHERE $centre = '' OR c.id = $centre
RETURN c.id AS centre_id, c.name AS centre, l.id AS leader_id, l.name AS leader,
       labels(l)[0] AS leader_label, r.date AS date, r.role AS role
ORDER BY centre_id, leader_id, date, role
// @ladybug
MATCH (l)-[r:牵头]->(c:InnovationCenter)
WHERE $centre = '' OR c.id = $centre
RETURN c.id AS centre_id, c.name AS centre, l.id AS leader_id, l.name AS leader,
       label(l) AS leader_label, r.date AS date, r.role AS role
ORDER BY centre_id, leader_id, date, role
