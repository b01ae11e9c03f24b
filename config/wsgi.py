import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Refuse to serve without a secret key at start-up, rather than on the first request that needs it (reading an
# empty SECRET_KEY raises ImproperlyConfigured).
if not settings.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to serve Nutag.")
