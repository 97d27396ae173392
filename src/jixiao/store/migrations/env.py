"""Alembic environment: jixiao passes its own connection; the alembic CLI gets the URL from $JIXIAO_DB."""

from alembic import context
from sqlalchemy import create_engine

from jixiao.store.database import database_url
from jixiao.store.tables import Base

config = context.config


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(database_url()).begin() as conn:
        _run(conn)
