// name: relation_counts
// title_zh: 各类关系数量
// title_en: Relationships per type
// description: How many relationships of each type the graph holds.
// @neo4j
MATCH ()-[r]->()
RETURN type(r) AS relation, count(*) AS relationships
ORDER BY relationships DESC, relation
// @ladybug
MATCH ()-[r]->()
RETURN label(r) AS relation, count(*) AS relationships
ORDER BY relationships DESC, relation
