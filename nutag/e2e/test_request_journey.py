"""A citizen applies online, an officer decides in the queue, the citizen sees the result: in a real browser."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Request
from nutag.cases.tests.conftest import PDF, with_process
from nutag.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _sign_in_as(context: Any, user: User, live_server: Any) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_citizen_applies_officer_approves_citizen_sees_the_result(
    browser: Any,
    live_server: Any,
    world: None,
    make_citizen: Callable[..., User],
    make_staff: Callable[..., User],
    tmp_path: Any,
) -> None:
    holidays_load()
    with_process("reference_letter", "CIVIL-990", fee_mnt=0)
    citizen = make_citizen()
    make_staff((Role.OFFICER, "gov-6401"), username="officer.browser", password="correct-horse-battery")

    citizen_context = browser.new_context(base_url=live_server.url)
    _sign_in_as(citizen_context, citizen, live_server)
    page = citizen_context.new_page()
    page.goto("/services/CIVIL-990/?soum=6401")
    page.click("a[href*='/apply/']")
    page.click("button[type=submit].primary")
    page.select_option("select[name=purpose]", "work")
    page.click("button[name=save]")
    pdf = tmp_path / "passport.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("input[type=file]", str(pdf))
    page.click("form[enctype] button[type=submit]")
    assert "passport.pdf" in page.content()
    screenshot(page, "request-answers-mn")
    page.click("button[name=continue]")
    screenshot(page, "request-check-mn")
    page.click("form button.primary")
    request = Request.objects.get(applicant=citizen)
    assert request.number and request.number in page.content()
    screenshot(page, "request-confirmation-mn")

    officer_context = browser.new_context(base_url=live_server.url)
    officer = officer_context.new_page()
    officer.goto("/accounts/login/")
    officer.fill("input[name=username]", "officer.browser")
    officer.fill("input[name=password]", "correct-horse-battery")
    officer.click("form button.primary >> nth=-1")
    officer.goto("/workspace/queue/")
    assert request.number in officer.content()
    screenshot(officer, "officer-queue-mn")
    officer.click("button[name=do][value=claim]")
    officer.goto(f"/workspace/requests/{request.pk}/")
    screenshot(officer, "officer-request-mn")
    officer.click("button[name=action][value=approve]")
    assert Request.objects.get(pk=request.pk).status == "completed"

    page.goto(f"/requests/{request.pk}/")
    assert page.locator(".message-success").count() == 1
    assert "Test Staff" in page.content()  # the officer who opened the request, in the access log
    screenshot(page, "request-result-mn")
    citizen_context.close()
    officer_context.close()
