from typing import Any

from django.conf import settings
from django.http import HttpRequest


def nutag(request: HttpRequest) -> dict[str, Any]:
    return {"NUTAG_DEV_LOGIN": settings.NUTAG_DEV_LOGIN, "NUTAG_OIDC_ENABLED": settings.NUTAG_OIDC_ENABLED}
