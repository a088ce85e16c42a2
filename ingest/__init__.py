"""Turn policy documents into rows: decode, strip chrome, find structure, split clauses, tag, segment."""
