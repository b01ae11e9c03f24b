from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache

from nutag.accounts.models import User
from nutag.cases import services as cases
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF, holidays, letter_service  # noqa: F401
from nutag.catalog.models import Adoption
from nutag.results.models import ResultDocument


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    settings.NUTAG_SITE_URL = "https://nutag.example"
    cache.clear()
    yield


@pytest.fixture
def completed(letter_service: Adoption, citizen: User, officer_soum_a: User) -> Callable[..., Request]:  # noqa: F811
    """A reference-letter request of `citizen`, approved by officer A: its result document is issued."""

    def make(applicant: User | None = None, actor: User | None = None) -> Request:
        applicant = applicant or citizen
        request = cases.request_start(
            adoption=letter_service, applicant=applicant, actor=actor or applicant, form_data=ANSWERS
        )
        cases.request_attach_document(
            request=request, actor=actor or applicant, code="ID_CARD", name="id.pdf", content=PDF
        )
        request = cases.request_submit(request=request, actor=actor or applicant)
        item = cases.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)
        request = cases.request_act(item=item, actor=officer_soum_a, action="approve")
        assert request.status == RequestStatus.COMPLETED
        return request

    return make


@pytest.fixture
def document(completed: Callable[..., Request]) -> ResultDocument:
    return ResultDocument.objects.get(request=completed(), language="mn")
