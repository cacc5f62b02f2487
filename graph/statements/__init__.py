"""Cypher as the project speaks it: lexer, read-only gate, allow-lists and the statement catalogue."""
