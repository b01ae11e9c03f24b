from collections.abc import Callable
from typing import Any

import pytest

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_visitor_reads_the_home_page_in_mongolian_and_switches_to_english(page: Any, world: None) -> None:
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "mn"
    assert page.get_by_role("heading", level=1).inner_text() == "Таны амьдардаг газрын төрийн үйлчилгээ"
    screenshot(page, "home-mn")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Public services where you live"
    screenshot(page, "home-en")


def test_staff_signs_in_and_sees_their_role_and_territory(page: Any, make_staff: Callable[..., User]) -> None:
    make_staff((Role.OFFICER, "gov-6404"), username="officer.e2e", password="correct-horse-battery")
    page.goto("/accounts/login/")
    page.get_by_label("Нэвтрэх нэр").fill("officer.e2e")
    page.get_by_label("Нууц үг").fill("correct-horse-battery")
    page.get_by_role("button", name="Нэвтрэх").click()
    page.wait_for_url("**/workspace/")
    assert "Баацагаан сумын Засаг даргын Тамгын газар" in page.content()
    screenshot(page, "workspace-mn")


def test_search_for_a_soum_with_legacy_letters_works_without_javascript(
    browser: Any, live_server: Any, world: None
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/places/")
    page.get_by_label("Нэр").fill("єлзийт")
    page.get_by_role("button", name="Хайх").click()
    assert "Өлзийт" in page.locator("table").inner_text()
    screenshot(page, "places-search-mn")
    context.close()
