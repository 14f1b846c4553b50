# WSGI entry for gunicorn: Keystone's public app from Debian's python3-keystone.
# The config file comes from OS_KEYSTONE_CONFIG_FILES.
import sys
import types

import sqlalchemy
from oslo_db.sqlalchemy import engines

# Keystone parses sys.argv with oslo.config: hide gunicorn's own arguments from it.
sys.argv = sys.argv[:1]


# oslo.db opens every SQLite transaction with a deferred "BEGIN". With several
# worker processes, a transaction that reads then writes (e.g. DELETE
# /v3/credentials/{id}) fails at once with "database is locked" (HTTP 500) when
# another worker wrote in between, WAL or not. "BEGIN IMMEDIATE" takes the write
# lock up front, so workers queue on SQLite's busy timeout instead of failing.
def _text(sql, *args, **kwargs):
    return sqlalchemy.text("BEGIN IMMEDIATE" if sql == "BEGIN" else sql, *args, **kwargs)


engines.sqlalchemy = types.SimpleNamespace(**{**vars(sqlalchemy), "text": _text})

from keystone.server.wsgi import initialize_public_application  # noqa: E402

application = initialize_public_application()
