// name: label_counts
// title_zh: 各类实体数量
// title_en: Entities per label
// description: How many entities of each label the graph holds.
// @neo4j
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS entities
ORDER BY entities DESC, label
// @ladybug
MATCH (n)
RETURN label(n) AS label, count(*) AS entities
ORDER BY entities DESC, label
