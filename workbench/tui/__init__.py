"""The Textual user interface; no SQLAlchemy here: screens get plain data and services."""
