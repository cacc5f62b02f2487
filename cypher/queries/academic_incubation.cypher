// name: academic_incubation
// title_zh: 高校与研究机构的孵化和牵头
// title_en: What universities and institutes incubate and lead
// description: For each university or research institute (or one), the companies and projects it incubated (孵化) and the innovation centres it leads (牵头).
// params:
//   org: {type: entity, default: "", example: 南方科技大学, description: "One university or institute, or empty for all."}
// @neo4j
MATCH (u{{anchor:org}})
WHERE (u:University OR u:ResearchInstitute) AND ($org = '' OR u.id = $org)
WITH u, COLLECT { MATCH (u)-[:孵化]->(x) RETURN DISTINCT x.name AS n ORDER BY n } AS incubated,
     COLLECT { MATCH (u)-[:牵头]->(c:InnovationCenter) RETURN DISTINCT c.name AS n ORDER BY n } AS leads
WHERE size(incubated) > 0 OR size(leads) > 0
RETURN u.id AS org_id, u.name AS org, labels(u)[0] AS org_label, incubated, leads
ORDER BY org_id
// @ladybug
MATCH (u{{anchor:org}})
WHERE label(u) IN ['University', 'ResearchInstitute'] AND ($org = '' OR u.id = $org)
OPTIONAL MATCH (u)-[:孵化]->(x)
OPTIONAL MATCH (u)-[:牵头]->(c:InnovationCenter)
WITH u, list_sort(collect(DISTINCT x.name)) AS incubated, list_sort(collect(DISTINCT c.name)) AS leads
WHERE size(incubated) > 0 OR size(leads) > 0
RETURN u.id AS org_id, u.name AS org, label(u) AS org_label, incubated, leads
ORDER BY org_id
