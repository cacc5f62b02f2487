// name: entities_per_region
// title_zh: 各地区的实体数量
// title_en: Entities per region
// description: How many entities are based in each region (their region property), overall or for one label.
// params:
//   label: {type: label, default: "", example: Company, description: "One label, or empty for all."}
// @neo4j
MATCH (n)
WHERE n.region IS NOT NULL AND ($label = '' OR $label IN labels(n))
MATCH (g:Region {id: n.region})
RETURN g.id AS region_id, g.name AS region, count(n) AS entities
ORDER BY entities DESC, region_id
// @ladybug
MATCH (n)
WHERE n.region IS NOT NULL AND ($label = '' OR label(n) = $label)
MATCH (g:Region)
WHERE g.id = n.region
RETURN g.id AS region_id, g.name AS region, count(n) AS entities
ORDER BY entities DESC, region_id
