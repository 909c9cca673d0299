"""Persistence: the only package that knows SQLAlchemy; returns domain objects."""
