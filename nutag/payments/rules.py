"""What happens to a paid fee when a request closes without its result.

The default rule: a request that was refused (rejected) gets the full fee back, since the office did not deliver
the service; a request that expired because the applicant did not come back with a correction gets nothing back,
since the office did its part. A service can be given its own rule here, by the code of its reference service.
"""

from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.payments.choices import RefundRule

DEFAULT_RULES: dict[str, str] = {
    RequestStatus.REJECTED: RefundRule.FULL,
    RequestStatus.EXPIRED: RefundRule.NONE,
}
SERVICE_RULES: dict[str, dict[str, str]] = {}


def refund_rule_for(request: Request) -> str:
    rules = {**DEFAULT_RULES, **SERVICE_RULES.get(request.service.code, {})}
    return rules.get(request.status, RefundRule.NONE)


def refund_amount(rule: str, paid_mnt: int) -> int:
    return paid_mnt if rule in (RefundRule.FULL, RefundRule.DUPLICATE) else 0
