"""Alembic environment: runs on the connection that workbench hands over."""

from alembic import context

from workbench.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER by copying tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
