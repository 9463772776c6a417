"""Claims assistant: the project's own package (stores, domain logic, NLU, CLI)."""
