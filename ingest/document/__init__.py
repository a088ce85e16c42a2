"""A document from its file to its structure: decode, lines, page chrome, headings, clauses, tables."""
