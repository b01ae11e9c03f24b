import pytest

from nutag.territory.choices import Level
from nutag.territory.loader import territory_load
from nutag.territory.models import TerritoryUnit
from nutag.territory.selectors import units_search

pytestmark = pytest.mark.usefixtures("world")


def test_mongolia_has_22_top_level_units_330_soums_and_9_districts() -> None:
    assert TerritoryUnit.objects.filter(level__in=[Level.AIMAG, Level.CAPITAL]).count() == 22
    assert TerritoryUnit.objects.filter(level=Level.AIMAG).count() == 21
    assert TerritoryUnit.objects.filter(level=Level.SOUM).count() == 330
    assert TerritoryUnit.objects.filter(level=Level.DISTRICT).count() == 9


@pytest.mark.parametrize(
    ("code", "name_mn", "parent_code"),
    [
        ("6425", "Богд", "64"),  # swapped with 6449 in two of the sources; settled by three others
        ("6449", "Өлзийт", "64"),
        ("2352", "Бор-Өндөр", "23"),  # soum since 2012: Khentii has 18
        ("1107", "Баянгол", "11"),
        ("8413", "Дарви", "84"),
        ("8216", "Дарив", "82"),
    ],
)
def test_known_soum_codes(code: str, name_mn: str, parent_code: str) -> None:
    unit = TerritoryUnit.objects.get(code=code)
    assert unit.name_mn == name_mn
    assert unit.parent is not None and unit.parent.code == parent_code
    assert unit.path == f"MN.{parent_code}.{code}"


def test_aimag_iso_codes_and_time_zones() -> None:
    assert TerritoryUnit.objects.get(code="81").iso_code == "MN-057"  # Zavkhan, often swapped with Govi-Altai
    assert TerritoryUnit.objects.get(code="82").iso_code == "MN-065"
    hovd_time = set(
        TerritoryUnit.objects.filter(time_zone="Asia/Hovd", level=Level.AIMAG).values_list("code", flat=True)
    )
    assert hovd_time == {"83", "84", "85"}
    assert TerritoryUnit.objects.get(code="8401").time_zone == "Asia/Hovd"
    assert TerritoryUnit.objects.get(code="11").level == Level.CAPITAL


def test_khentii_has_18_soums_and_bayan_olgii_13() -> None:
    assert TerritoryUnit.objects.filter(parent__code="23").count() == 18
    assert TerritoryUnit.objects.filter(parent__code="83").count() == 13


def test_loading_twice_changes_nothing_and_says_so() -> None:
    report = territory_load()
    assert not report.changed
    assert report.unchanged == TerritoryUnit.objects.count() == 1 + 22 + 339


def test_loading_repairs_a_changed_name_and_reports_it() -> None:
    TerritoryUnit.objects.filter(code="6401").update(name_mn="Wrong")
    report = territory_load()
    assert report.updated == ["6401"]
    assert TerritoryUnit.objects.get(code="6401").name_mn == "Баянхонгор"


@pytest.mark.parametrize(
    ("query", "expected_code"),
    [
        ("өлзийт", "6449"),
        ("ӨЛЗИЙТ", "6449"),
        ("єлзийт", "6449"),  # legacy-font є for ө
        ("Yенч", "8437"),  # Latin Y for Ү in a Cyrillic word
        ("үенч", "8437"),
        ("ulaangom", "8501"),
        ("ZAMYN", "4416"),
    ],
)
def test_search_folds_case_and_mongolian_letters_on_every_database(query: str, expected_code: str) -> None:
    codes = set(units_search(query=query).values_list("code", flat=True))
    assert expected_code in codes


def test_search_with_several_words_needs_all_of_them() -> None:
    codes = set(units_search(query="баян өндөр").values_list("code", flat=True))
    assert codes and all("Баян-Өндөр" in TerritoryUnit.objects.get(code=c).name_mn for c in codes)
