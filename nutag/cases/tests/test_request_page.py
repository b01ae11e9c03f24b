"""The citizen's request page is served from its cache until something it shows changes, and then shows it."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from nutag.academy.services import rating_create
from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.models import Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption


@pytest.fixture
def english(settings: object) -> None:
    settings.LANGUAGE_CODE = "en"  # type: ignore[attr-defined]
    with translation.override("en"):
        yield


def _submitted(adoption: Adoption, citizen: User) -> Request:
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen)


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_seen_page_costs_one_query_beyond_the_session_and_its_user_and_follows_every_change(
    english: None,
    client: Client,
    letter_service: Adoption,
    citizen: User,
    officer_soum_a: User,
    django_assert_num_queries: Callable[..., object],
) -> None:
    request = _submitted(letter_service, citizen)
    client.force_login(citizen)
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Being processed" in page or "Submitted" in page
    assert "Nobody has opened your request yet." in page and "id.pdf" in page

    with django_assert_num_queries(2):  # type: ignore[operator]  # the session with its user; the request
        again = client.get(f"/requests/{request.pk}/").content.decode()
    assert _main(again) == _main(page)  # the same page (the form tokens of the header differ each time)

    officer = Client()
    officer.force_login(officer_soum_a)
    officer.get(f"/workspace/requests/{request.pk}/")  # the officer opens it: the citizen sees who did
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert officer_soum_a.full_name in page

    item = WorkItem.objects.get(request=request)
    services.workitem_claim(item=item, actor=officer_soum_a)
    services.request_act(item=item, actor=officer_soum_a, action="approve")
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Your result is ready" in page and "Rate the service" in page

    rating_create(request=request, actor=citizen, score=4, comment="")
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert "You rated this service 4 of 5" in page


def test_the_cached_page_is_not_shown_to_someone_who_may_not_see_it(
    letter_service: Adoption,
    citizen: User,
    make_citizen: Callable[..., User],
    officer_soum_b: User,
) -> None:
    request = _submitted(letter_service, citizen)
    owner = Client()
    owner.force_login(citizen)
    assert owner.get(f"/requests/{request.pk}/").status_code == 200  # now in the cache
    for stranger in (make_citizen(register_number="ВЮ85031999"), officer_soum_b):
        other = Client()
        other.force_login(stranger)
        assert other.get(f"/requests/{request.pk}/").status_code == 404
