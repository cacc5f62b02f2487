// name: event_participants
// title_zh: 活动参与方
// title_en: Participants of an event
// description: Who took part in (参与) or hosted (主办) an event, with their role.
// params:
//   event: {type: entity, default: 具身智能产业化发展座谈会, example: 世界移动通信大会, description: "The event."}
// @neo4j
MATCH (p)-[r:参与|主办]->(e:Event {id: $event})
RETURN p.id AS participant_id, p.name AS participant, labels(p)[0] AS participant_label,
       type(r) AS relation, r.role AS role
ORDER BY relation, participant_label, participant_id, role
// @ladybug
MATCH (p)-[r:参与|主办]->(e:Event {id: $event})
RETURN p.id AS participant_id, p.name AS participant, label(p) AS participant_label,
       label(r) AS relation, r.role AS role
ORDER BY relation, participant_label, participant_id, role
