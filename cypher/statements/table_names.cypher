// name: table_names
// description: The node and relationship tables of a LadybugDB file (a label or type without a table counts 0).
// @neo4j
CALL db.labels() YIELD label RETURN label AS name
// @ladybug
CALL show_tables() RETURN name
