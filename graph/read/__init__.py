"""The read side over an in-memory projection: relation strength, traversal, the CSR projection."""
