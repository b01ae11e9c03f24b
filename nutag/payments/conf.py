"""The payment settings, read from Django settings or else the environment (documented in .env.example)."""

import datetime
import os
from typing import Any

from django.conf import settings

PROVIDERS = ("sandbox", "qpay")
QPAY_PRODUCTION_URL = "https://merchant.qpay.mn/v2"


def setting(name: str, default: str) -> Any:
    return getattr(settings, name, os.environ.get(name, default))


def provider_name() -> str:
    name = str(setting("NUTAG_PAYMENT_PROVIDER", "sandbox")).strip().lower()
    return name if name in PROVIDERS else "sandbox"


def is_sandbox() -> bool:
    return provider_name() == "sandbox"


def site_url() -> str:
    return str(setting("NUTAG_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def qpay_base_url() -> str:
    configured = str(setting("NUTAG_QPAY_BASE_URL", "")).rstrip("/")
    if configured:
        return configured
    return f"{site_url()}/payments/sandbox/v2" if is_sandbox() else QPAY_PRODUCTION_URL


def qpay_username() -> str:
    return str(setting("NUTAG_QPAY_USERNAME", "TEST_MERCHANT"))


def qpay_password() -> str:
    return str(setting("NUTAG_QPAY_PASSWORD", "sandbox-password"))


def qpay_invoice_code() -> str:
    return str(setting("NUTAG_QPAY_INVOICE_CODE", "TEST_INVOICE"))


def qpay_timeout_seconds() -> float:
    return float(setting("NUTAG_QPAY_TIMEOUT_SECONDS", "10"))


def invoice_ttl() -> datetime.timedelta:
    return datetime.timedelta(hours=int(setting("NUTAG_INVOICE_TTL_HOURS", "72")))


SANDBOX_USERNAME = "TEST_MERCHANT"
SANDBOX_INVOICE_CODE = "TEST_INVOICE"


def sandbox_password() -> str:
    """The merchant password the sandbox accepts (the client sends NUTAG_QPAY_PASSWORD)."""
    return str(setting("NUTAG_SANDBOX_PASSWORD", "sandbox-password"))


def sandbox_token_seconds() -> int:
    return int(setting("NUTAG_SANDBOX_TOKEN_SECONDS", "3600"))
