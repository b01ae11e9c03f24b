import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutag.accounts.register_number import InvalidRegisterNumber, mask, normalise, parse

LETTERS = "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ"


def _encode(birth: datetime.date, sex_digit: int, letters: str, check: int) -> str:
    month = birth.month + 20 if birth.year >= 2000 else birth.month
    return f"{letters}{birth.year % 100:02d}{month:02d}{birth.day:02d}{sex_digit}{check}"


@given(
    birth=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
    sex_digit=st.integers(0, 9),
    letters=st.text(alphabet=LETTERS, min_size=2, max_size=2),
    check=st.integers(0, 9),
)
def test_every_valid_number_parses_to_its_birth_date_and_sex(
    birth: datetime.date, sex_digit: int, letters: str, check: int
) -> None:
    number = parse(_encode(birth, sex_digit, letters, check))
    assert number.birth_date == birth
    assert number.is_male == (sex_digit % 2 == 1)


@given(st.text(max_size=20))
def test_arbitrary_text_is_either_a_number_or_a_clear_refusal(text: str) -> None:
    try:
        number = parse(text)
    except InvalidRegisterNumber as error:
        assert str(error)
    else:
        assert len(number.value) == 10


@given(
    birth=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2025, 12, 31)),
    check=st.integers(0, 9),
)
def test_check_digit_never_rejects(birth: datetime.date, check: int) -> None:
    assert parse(_encode(birth, 1, "УБ", check)).value.endswith(str(check))


def test_example_from_the_reference_notes() -> None:
    number = parse("УБ99112233")
    assert number.birth_date == datetime.date(1999, 11, 22)
    assert number.is_male


def test_born_in_2000s_has_month_plus_twenty() -> None:
    assert parse("ЕГ01250734").birth_date == datetime.date(2001, 5, 7)


def test_latin_look_alikes_spaces_and_case_are_normalised() -> None:
    assert normalise(" вю 85031412") == "ВЮ85031412"
    assert parse("XO85031412").value == "ХО85031412"  # Latin X and O
    assert parse("ЗP81021877").value == "ЗР81021877"  # Cyrillic З with a Latin P, as seen in real data


@pytest.mark.parametrize(
    "raw",
    ["", "УБ9911223", "УБ991122334", "12345678УБ", "УБ99132233", "УБ99023033", "УБ99330233", "ABCDEFGHIJ"],
)
def test_malformed_or_impossible_numbers_are_refused(raw: str) -> None:
    with pytest.raises(InvalidRegisterNumber):
        parse(raw)


def test_february_29_only_in_leap_years() -> None:
    assert parse("УБ04220911").birth_date == datetime.date(2004, 2, 9)
    assert parse("УБ00222911").birth_date == datetime.date(2000, 2, 29)
    with pytest.raises(InvalidRegisterNumber):
        parse("УБ01222911")


def test_lists_show_a_masked_number() -> None:
    assert mask("УБ99112233") == "УБ******33"
    assert "9911" not in mask("УБ99112233")
