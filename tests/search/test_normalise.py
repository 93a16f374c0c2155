"""The one normalisation behind every search: the same for stored text and typed queries."""

import pytest

from matcher import text


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("МИРОСЛАВА", "мирослава"),
        ("Коваленко", "коваленко"),
        ("Ḥusayn", "husayn"),
        ("ḤUSAYN", "husayn"),
        ("Straße", "strasse"),
        ("Işık", "isik"),
        ("İlkay", "ilkay"),
        ("Zoë", "zoe"),
        ("Zoe\u0308", "zoe"),  # decomposed ë
        ("O’Brien", "obrien"),
        ("ʿAlī", "ali"),
        ("Søren Łukasz", "soren lukasz"),
        ("Ｈｉｂａ", "hiba"),  # full-width
        ("  Hiba \t\n Abraha ", "hiba abraha"),
        ("Hi\u200bba", "hiba"),  # zero-width space
        ("\u202eHiba", "hiba"),  # right-to-left override
        ("", ""),
        (None, ""),
    ],
)
def test_normalise(typed, normalised):
    assert text.normalise(typed) == normalised


def test_a_document_holds_postcodes_with_and_without_their_space():
    assert text.document("Hiba", "Abraha", postcodes=("7607 AB",)) == "hiba abraha 7607 ab 7607ab"
    assert text.document("Plek", postcodes=("",)) == "plek"


def test_a_document_is_capped():
    assert len(text.document("ﷺ" * 200, "x" * 500)) == text.MAX_LENGTH


def test_terms_are_normalised_and_unique():
    assert text.terms("Hiba  ABRAHA hiba") == ["hiba", "abraha"]
    assert text.terms("   ") == []


def test_like_patterns_escape_wildcards_and_the_escape_character():
    assert text.like_pattern("50%") == "%50\\%%"
    assert text.like_pattern("a_b") == "%a\\_b%"
    assert text.like_pattern("a\\b") == "%a\\\\b%"
