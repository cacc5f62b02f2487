// name: entity_names
// description: Every node's id, name, English name, aliases and label — read once at start-up for name resolution and search.
// @neo4j
MATCH (n) RETURN n.id AS id, n.name AS name, n.name_en AS name_en, n.aliases AS aliases, labels(n)[0] AS label
// @ladybug
MATCH (n) RETURN n.id AS id, n.name AS name, n.name_en AS name_en, n.aliases AS aliases, label(n) AS label
