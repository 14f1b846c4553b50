# WSGI entry for gunicorn: Keystone's public app from Debian's python3-keystone.
# Keystone parses sys.argv with oslo.config, so hide gunicorn's own arguments from it.
# The config file comes from OS_KEYSTONE_CONFIG_FILES.
import sys

sys.argv = sys.argv[:1]

from keystone.server.wsgi import initialize_public_application  # noqa: E402

application = initialize_public_application()
