"""File formats: read to and write from domain objects; no database."""
