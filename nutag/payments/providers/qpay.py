"""A client of QPay's merchant API v2 (https://merchant.qpay.mn/v2): token and refresh, create and cancel an
invoice, check its payments. Used against the real QPay and against Nutag's sandbox alike."""

import datetime
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from nutag.payments.providers.base import ProviderError, ProviderInvoice, ProviderPayment, whole_tugriks

log = logging.getLogger(__name__)
# Renew a token this long before QPay says it expires, so a call never starts with a token about to lapse.
EXPIRY_MARGIN_SECONDS = 30


@dataclass
class _Tokens:
    access: str = ""
    access_until: float = 0.0
    refresh: str = ""
    refresh_until: float = 0.0


# Tokens are shared by the clients of one process (one merchant account per base URL and user).
_tokens: dict[tuple[str, str], _Tokens] = {}
_tokens_lock = threading.Lock()


def forget_tokens() -> None:
    with _tokens_lock:
        _tokens.clear()


class QPayClient:
    def __init__(
        self,
        *,
        base_url: str,
        username: str,
        password: str,
        invoice_code: str,
        timeout: float = 10.0,
        name: str = "qpay",
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.username = username
        self.password = password
        self.invoice_code = invoice_code
        self.timeout = timeout
        self.name = name
        # Without a session each call has its own connection: a few calls per payment do not need keep-alive,
        # and no idle connection outlives the call.
        self.session = session

    def _http(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        if self.session is not None:
            return self.session.request(method, url, timeout=self.timeout, **kwargs)
        return requests.request(method, url, timeout=self.timeout, **kwargs)

    # Authentication

    def _post_auth(self, path: str, **kwargs: Any) -> _Tokens:
        try:
            response = self._http("POST", f"{self.base_url}{path}", **kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"QPay {path}: {error}") from error
        if response.status_code != 200:
            raise ProviderError(f"QPay {path}: HTTP {response.status_code}")
        body = self._json(response, path)
        now = time.time()
        try:
            return _Tokens(
                access=str(body["access_token"]),
                access_until=now + float(body.get("expires_in", 0)) - EXPIRY_MARGIN_SECONDS,
                refresh=str(body.get("refresh_token", "")),
                refresh_until=now + float(body.get("refresh_expires_in", 0)) - EXPIRY_MARGIN_SECONDS,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ProviderError(f"QPay {path}: unexpected answer") from error

    def _access_token(self, *, renew: bool = False) -> str:
        key = (self.base_url, self.username)
        with _tokens_lock:
            tokens = _tokens.get(key)
            now = time.time()
            if tokens and not renew and tokens.access and tokens.access_until > now:
                return tokens.access
            fresh: _Tokens | None = None
            if tokens and tokens.refresh and tokens.refresh_until > now:
                try:
                    fresh = self._post_auth(
                        "/auth/refresh", headers={"Authorization": f"Bearer {tokens.refresh}"}
                    )
                except ProviderError:
                    log.info("QPay refresh token refused; signing in again")
            if fresh is None:
                fresh = self._post_auth("/auth/token", auth=(self.username, self.password))
            _tokens[key] = fresh
            return fresh.access

    # Calls

    @staticmethod
    def _json(response: requests.Response, path: str) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError as error:
            raise ProviderError(f"QPay {path}: the answer is not JSON") from error
        if not isinstance(body, dict):
            raise ProviderError(f"QPay {path}: unexpected answer")
        return body

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        for attempt in range(2):
            token = self._access_token(renew=attempt > 0)
            try:
                response = self._http(
                    method,
                    f"{self.base_url}{path}",
                    json=payload,
                    headers={"Authorization": f"Bearer {token}"},
                )
            except requests.RequestException as error:
                raise ProviderError(f"QPay {path}: {error}") from error
            if response.status_code == 401 and attempt == 0:
                continue  # the token was revoked or expired early: renew it once
            if response.status_code >= 400:
                raise ProviderError(f"QPay {path}: HTTP {response.status_code} {response.text[:200]}")
            return self._json(response, path) if response.content else {}
        raise ProviderError(f"QPay {path}: not authorised")

    def create_invoice(
        self,
        *,
        sender_invoice_no: str,
        amount_mnt: int,
        description: str,
        receiver_code: str,
        callback_url: str,
        expires_at: datetime.datetime,
    ) -> ProviderInvoice:
        body = self._call(
            "POST",
            "/invoice",
            {
                "invoice_code": self.invoice_code,
                "sender_invoice_no": sender_invoice_no,
                "invoice_receiver_code": receiver_code,
                "invoice_description": description[:255],
                "amount": amount_mnt,
                "callback_url": callback_url,
                "enable_expiry": "true",
                "expiry_date": expires_at.strftime("%Y-%m-%d %H:%M:%S"),
            },
        )
        if not body.get("invoice_id"):
            raise ProviderError("QPay /invoice: no invoice_id in the answer")
        links = [
            {key: str(link.get(key, "")) for key in ("name", "description", "link")}
            for link in body.get("urls") or []
            if isinstance(link, dict) and link.get("link")
        ]
        return ProviderInvoice(
            provider_invoice_id=str(body["invoice_id"]),
            qr_text=str(body.get("qr_text", "")),
            short_url=str(body.get("qPay_shortUrl", "")),
            bank_links=links,
        )

    def check_payment(self, *, provider_invoice_id: str) -> list[ProviderPayment]:
        body = self._call(
            "POST",
            "/payment/check",
            {
                "object_type": "INVOICE",
                "object_id": provider_invoice_id,
                "offset": {"page_number": 1, "page_limit": 100},
            },
        )
        payments = []
        for row in body.get("rows") or []:
            if not isinstance(row, dict) or not row.get("payment_id"):
                continue
            payments.append(
                ProviderPayment(
                    payment_id=str(row["payment_id"]),
                    status=str(row.get("payment_status", "")).upper(),
                    amount_mnt=whole_tugriks(row.get("payment_amount", 0)),
                )
            )
        return payments

    def cancel_invoice(self, *, provider_invoice_id: str) -> None:
        self._call("DELETE", f"/invoice/{provider_invoice_id}")
