from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from nutag.academy import services
from nutag.academy.models import TrainingSession
from nutag.academy.readiness import readiness_for
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.catalog.models import Adoption


def _complete(session: TrainingSession, trainer: User, person: User) -> None:
    participant = services.participant_register(actor=trainer, session=session, user=person)
    services.participant_mark_attendance(actor=trainer, participant=participant, attended=True)
    services.participant_complete(actor=trainer, participant=participant)


@pytest.fixture
def staffed(
    letter_service: Adoption,
    make_staff: Callable[..., User],
    session_64: TrainingSession,
    national_trainer: User,
) -> dict[str, User]:
    """Soum A offers the letter service through gov-6401, which has two officers (one trained); soum A has an
    operator and the aimag's KHURDAN point another; neither completed the operators' programme."""
    people = {
        "trained": make_staff((Role.OFFICER, "gov-6401"), username="trained-officer"),
        "untrained": make_staff((Role.OFFICER, "gov-6401"), username="untrained-officer"),
        "operator": make_staff((Role.OPERATOR, "gov-6401"), username="op-6401"),
        "khurdan": make_staff((Role.OPERATOR, "khurdan-64-1"), username="op-khurdan"),
        "elsewhere": make_staff((Role.OFFICER, "gov-4401"), username="officer-4401"),
    }
    _complete(session_64, national_trainer, people["trained"])
    return people


def test_readiness_counts_officers_of_the_delivering_organisation_and_operators_per_soum(
    staffed: dict[str, User],
) -> None:
    report = readiness_for(paths=["MN"], aimag_code="64")["64"]
    assert (report.officers.total, report.officers.done, report.officers.percent) == (2, 1, 50)
    assert [
        (row.adoption.service.code, row.officers.done, row.officers.total) for row in report.services
    ] == [("CIVIL-700", 1, 2)]
    soum_a = report.units["6401"]
    # The KHURDAN point of Bayankhongor counts in the aimag centre, Bayankhongor soum.
    assert (soum_a.operators.total, soum_a.operators.done, soum_a.officers.total) == (2, 0, 2)
    names = {(p.username, p.role) for p in report.needs_training}
    assert names == {("untrained-officer", "officer"), ("op-6401", "operator"), ("op-khurdan", "operator")}
    assert all(p.programmes for p in report.needs_training)


def test_readiness_is_limited_to_the_readers_territory(
    staffed: dict[str, User], admin_soum_b: User, admin_other_aimag: User
) -> None:
    from nutag.academy.permissions import readiness_paths

    own = readiness_for(paths=readiness_paths(admin_soum_b, with_names=True))
    assert set(own) == {"64"} and own["64"].officers.total == 0 and not own["64"].needs_training
    other = readiness_for(paths=readiness_paths(admin_other_aimag, with_names=True))
    assert set(other) == {"44"}


def test_readiness_pages_names_for_admins_and_trainers_figures_for_analysts(
    client: Client,
    staffed: dict[str, User],
    admin_aimag: User,
    analyst: User,
    trainer_dornogovi: User,
    officer_soum_a: User,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    url = reverse("academy:readiness-aimag", args=["64"])
    csv_url = reverse("academy:readiness-csv", args=["64"])
    client.force_login(admin_aimag)
    with django_assert_max_num_queries(14):  # type: ignore[attr-defined]
        page = client.get(url)
    assert page.status_code == 200 and "untrained-officer" not in page.content.decode()
    assert "Who still needs training" in page.content.decode() and "Test Staff" in page.content.decode()
    exported = client.get(csv_url).content.decode()
    assert (
        "untrained-officer" in exported and "op-khurdan" in exported and "trained-officer\n" not in exported
    )
    client.force_login(analyst)
    page = client.get(url)
    assert page.status_code == 200 and "Who still needs training" not in page.content.decode()
    assert client.get(csv_url).status_code == 403
    client.force_login(trainer_dornogovi)
    assert client.get(url).status_code == 403
    assert client.get(reverse("academy:readiness-aimag", args=["44"])).status_code == 200
    client.force_login(officer_soum_a)
    assert client.get(reverse("academy:readiness")).status_code == 403
    assert client.get(url).status_code == 403


def test_readiness_index_has_a_bounded_query_count(
    client: Client,
    staffed: dict[str, User],
    platform_admin: User,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    client.force_login(platform_admin)
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        page = client.get(reverse("academy:readiness"))
    assert page.status_code == 200 and "1 / 2 (50%)" in page.content.decode()
