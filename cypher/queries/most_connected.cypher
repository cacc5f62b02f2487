// name: most_connected
// title_zh: 关联最多的实体
// title_en: Most connected entities
// description: Entities ranked by degree (relationships in either direction), overall or within one label.
// params:
//   label: {type: label, default: "", example: Company, description: "One label, or empty for all."}
//   limit: {type: int, default: 20, min: 1, max: 1000, description: "How many to list."}
// @neo4j
MATCH (n)-[r]-(m)
WHERE $label = '' OR $label IN labels(n)
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label, count(r) AS degree,
       count(DISTINCT m) AS neighbours
ORDER BY degree DESC, id
LIMIT $limit
// @ladybug
// degree and neighbours are written by the embedded load (count(r), count(DISTINCT m) of
// (n)-[r]-(m)), so the ranking reads one column instead of aggregating every relationship.
MATCH (n)
WHERE ($label = '' OR label(n) = $label) AND n.degree > 0
RETURN n.id AS id, n.name AS name, label(n) AS label, n.degree AS degree, n.neighbours AS neighbours
ORDER BY degree DESC, id
LIMIT $limit
