"""XLIFF 1.2 and 2.x documents (and the dialects built on XLIFF 1.2)."""
