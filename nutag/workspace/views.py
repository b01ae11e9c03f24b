from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from nutag.accounts.choices import Role

# What each role finds on its home page: a sentence and the places it works in.
ROLE_PANELS = {
    Role.OPERATOR: _(
        "Apply for services on a citizen's behalf, found by register number, and hand over results."
    ),
    Role.OFFICER: _("Work the queue of requests of your office, decide within deadlines and issue results."),
    Role.SUPERVISOR: _("See your office's load and overdue requests, reassign work and receive escalations."),
    Role.ORG_ADMIN: _("Adopt reference services for your aimag or soum and set the local details."),
    Role.DESIGNER: _("Keep the national reference catalogue and processes, and publish new versions."),
    Role.ANALYST: _("Follow coverage, performance and variance per aimag, and what to roll out next."),
    Role.TRAINER: _("Plan and record training of officers, operators and citizens, and run surveys."),
    Role.PLATFORM_ADMIN: _("Keep reference data, organisations and accounts of the whole platform."),
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "is_citizen", True):
        raise PermissionDenied
    assignments = user.role_assignments  # type: ignore[union-attr]
    panels = [
        {"assignment": assignment, "text": ROLE_PANELS[Role(assignment.role)]}
        for assignment in sorted(assignments, key=lambda a: list(Role.values).index(a.role))
    ]
    return render(request, "workspace/home.html", {"panels": panels})
