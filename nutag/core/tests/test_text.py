from nutag.core.text import fold, normalise_mongolian, search_terms


def test_legacy_letters_become_mongolian_ones() -> None:
    assert normalise_mongolian("Eрєнхий зїйл") == "Eрөнхий зүйл"
    assert normalise_mongolian("ѲЛЗИЙТ") == "ӨЛЗИЙТ"


def test_latin_y_inside_cyrillic_words_is_u_with_bar() -> None:
    assert normalise_mongolian("ХYРТЭЛ") == "ХҮРТЭЛ"
    assert normalise_mongolian("Yенч") == "Үенч"
    assert normalise_mongolian("Yes, Ulaangom") == "Yes, Ulaangom"


def test_folding_ignores_case_for_cyrillic_letters_outside_ascii() -> None:
    assert fold("ӨЛЗИЙТ") == fold("өлзийт") == fold("Єлзийт")
    assert fold("ҮЕНЧ") == fold("Yенч")


def test_search_terms_are_folded_words() -> None:
    assert search_terms("  Баян   ӨНДӨР ") == ["баян", "өндөр"]


def test_mongolian_order_puts_o_bar_after_o_and_u_bar_after_u() -> None:
    from nutag.core.text import mongolian_sort_key

    names = ["Өлзийт", "Пүрэв", "Оюу", "Үенч", "Улаангом", "Фосфор", "Ёрөө", "Архангай"]
    assert sorted(names, key=mongolian_sort_key) == [
        "Архангай",
        "Ёрөө",
        "Оюу",
        "Өлзийт",
        "Пүрэв",
        "Улаангом",
        "Үенч",
        "Фосфор",
    ]
