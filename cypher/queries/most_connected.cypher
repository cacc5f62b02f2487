// name: most_connected
// title_zh: 关联最多的实体
// title_en: Most connected entities
// description: Entities ranked by degree (relationships in either direction), overall or within one label.
// params:
//   label: {type: label, default: "", example: Company, description: "One label, or empty for all."}
//   limit: {type: int, default: 20, min: 1, max: 1000, description: "How many to list."}
// @neo4j
// degree and neighbours are written by both loaders (count(r) and count(DISTINCT m) of
// (n)-[r]-(m)), so the ranking reads one property instead of aggregating every relationship.
MATCH (n)
WHERE ($label = '' OR $label IN labels(n)) AND n.degree > 0
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label, n.degree AS degree, n.neighbours AS neighbours
ORDER BY degree DESC, id
LIMIT $limit
// @ladybug
MATCH (n)
WHERE ($label = '' OR label(n) = $label) AND n.degree > 0
RETURN n.id AS id, n.name AS name, label(n) AS label, n.degree AS degree, n.neighbours AS neighbours
ORDER BY degree DESC, id
LIMIT $limit
