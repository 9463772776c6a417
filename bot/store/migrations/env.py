"""Alembic environment for the claims database.

The URL comes, in order, from: the connection or URL passed by
bot.store.db.migrate(), `alembic -x url=...`, sqlalchemy.url in alembic.ini,
and finally bot.settings (DATABASE_URL).
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.types import TypeDecorator

from bot.store.db import MIGRATION_LOCK_ID, get_engine, lock_for_write, resolve_url
from bot.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    x_args = context.get_x_argument(as_dictionary=True)
    return resolve_url(
        config.attributes.get("database_url") or x_args.get("url") or config.get_main_option("sqlalchemy.url")
    )


def _render_item(type_, obj, autogen_context):
    """Autogenerate our portable column types as their plain SQL types."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


OPTIONS = dict(
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite can only ALTER tables by copying them
    render_item=_render_item,
    compare_type=True,
)


def run_offline() -> None:
    context.configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"}, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection) -> None:
    # Processes start together (action server, gateway): one migrates at a time,
    # and the whole upgrade is one transaction on both engines.
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
    lock_for_write(connection)
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # from bot.store.db.migrate(): the caller commits
        _run_on(connection)
        return
    with get_engine(_url()).begin() as connection:  # the alembic CLI: commit here
        _run_on(connection)


if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)  # the alembic CLI

if context.is_offline_mode():
    run_offline()
else:
    run_online()
