"""Alembic migrations; run programmatically by workbench.storage.engine."""
