"""Alembic's entry point for the kit's store: it runs inside the transaction the store opened.

The store calls ``command.upgrade`` with its own connection in ``config.attributes``; there is
no alembic.ini and no URL here, so migrations only ever run on the database being opened.
"""

from alembic import context

from cocreate_kit.store.schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
)
with context.begin_transaction():
    context.run_migrations()
