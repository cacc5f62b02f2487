// name: person_roles
// title_zh: 人物的职务与关联机构
// title_en: A person's roles and the organisations they connect
// description: Every relation of a person — positions held (任职), companies founded (创立), participations — with role and date.
// params:
//   person: {type: entity, default: 赵同阳, example: 徐揚生, description: "The person."}
// @neo4j
MATCH (p:Person {id: $person})-[r]->(o)
RETURN type(r) AS relation, r.role AS role, o.id AS org_id, o.name AS org, labels(o)[0] AS org_label,
       r.date AS date
ORDER BY relation, org_id, role, date
// @ladybug
MATCH (p:Person {id: $person})-[r]->(o)
RETURN label(r) AS relation, r.role AS role, o.id AS org_id, o.name AS org, label(o) AS org_label,
       r.date AS date
ORDER BY relation, org_id, role, date
