"""Alembic environment: the engine comes from the application, the metadata from the models."""

from alembic import context

from patrol_app.store import (
    fault_tables,  # noqa: F401  (its tables join the metadata)
    inspection_tables,  # noqa: F401  (its tables in the metadata)
)
from patrol_app.store.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
