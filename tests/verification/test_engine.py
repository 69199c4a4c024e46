"""The matching engine decides who a candidate is, and says why, on frames alone (no database)."""

import datetime as dt

import polars as pl
import pytest

from jaring.verification.engine import MatchStatus, match_batch, results
from jaring.verification.messages import reason_text

BESUKI, TERBIS, NGARES = "35.03.01.2001", "35.03.01.2002", "35.03.11.2001"
TULUNGAGUNG = "35.04.01.1001"

REGISTRY = [
    # nik, name, birth, sex, village, alive, death
    ("3503014204850001", "SUMARNI", dt.date(1985, 4, 2), "P", BESUKI, True, None),
    ("3503011712800001", "MUHAMMAD YUSUF", dt.date(1980, 12, 17), "L", BESUKI, True, None),
    ("3503015506900002", "SITI AMINAH", dt.date(1990, 6, 15), "P", TERBIS, True, None),
    ("3503010303750001", "SLAMET RIYADI", dt.date(1975, 3, 3), "L", BESUKI, False, dt.date(2026, 2, 1)),
    ("3503110101700001", "KATINEM", dt.date(1970, 1, 1), "P", TULUNGAGUNG, True, None),
    ("3503116508880001", "DWI LESTARI", dt.date(1988, 8, 25), "P", NGARES, True, None),
    ("3503116508880002", "DWI LESTARI", dt.date(1988, 8, 25), "P", NGARES, True, None),
    ("3503012009920001", "BAYU PRATAMA", dt.date(1992, 9, 20), "L", BESUKI, True, None),
    ("3503012009920002", "ANDI KURNIAWAN", dt.date(1992, 9, 20), "L", BESUKI, True, None),
]


def _registry() -> pl.DataFrame:
    cols = ("nik", "full_name", "birth_date", "sex", "village", "is_alive", "death_date")
    return pl.DataFrame(REGISTRY, schema=cols, orient="row")


def _match(*rows):
    """Each row: (nik, name, birth, sex, village); ids follow the order."""
    frame = pl.DataFrame(
        [(i, *row) for i, row in enumerate(rows, 1)],
        schema={
            "id": pl.Int64,
            "nik": pl.Utf8,
            "full_name": pl.Utf8,
            "birth_date": pl.Date,
            "sex": pl.Utf8,
            "village": pl.Utf8,
        },
        orient="row",
    )
    return results(match_batch(frame, _registry(), regency="35.03", today=dt.date(2026, 11, 1)))


def _codes(result) -> list[str]:
    return [r.code for r in result.reasons]


def test_a_candidate_as_the_registry_knows_her_is_valid_with_nothing_to_say():
    (r,) = _match(("3503014204850001", "Sumarni", dt.date(1985, 4, 2), "P", BESUKI))
    assert (r.status, r.registry_nik, r.reasons) == (MatchStatus.VALID, "3503014204850001", ())
    assert r.score > 0.9


def test_spelling_and_titles_alone_leave_a_candidate_valid_but_are_noted():
    (r,) = _match(("3503011712800001", "H. Moch. Jusuf, S.Pd.", dt.date(1980, 12, 17), "L", BESUKI))
    assert r.status == MatchStatus.VALID
    assert _codes(r) == ["name_spelling"]


def test_differing_fields_are_a_mismatch_that_names_the_registry_values():
    (r,) = _match(("3503014204850001", "SUMARNI", dt.date(1985, 2, 4), "P", TERBIS))
    assert r.status == MatchStatus.MISMATCH
    swapped = next(x for x in r.reasons if x.code == "birth_date_swapped")
    assert (swapped.ours, swapped.registry) == ("1985-02-04", "1985-04-02")
    village = next(x for x in r.reasons if x.code == "village_differs")
    assert village.registry == BESUKI
    assert "tertukar" in reason_text(swapped)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("3503014204850007", "nik_typo"),  # one wrong digit
        ("3503014208450001", "nik_transposed"),  # two neighbours swapped
        ("350301420485001", "nik_short"),  # a digit lost
        ("", "nik_found_by_identity"),  # no NIK at all
    ],
)
def test_a_wrong_or_missing_nik_is_corrected_to_the_registry_person(given, code):
    (r,) = _match((given, "SUMARNI", dt.date(1985, 4, 2), "P", BESUKI))
    assert (r.status, r.registry_nik) == (MatchStatus.NIK_CORRECTED, "3503014204850001")
    assert code in _codes(r)


def test_an_excel_damaged_last_digit_is_named_as_such():
    (r,) = _match(("3503015506900000", "SITI AMINAH", dt.date(1990, 6, 15), "P", TERBIS))
    assert (r.status, r.registry_nik) == (MatchStatus.NIK_CORRECTED, "3503015506900002")
    assert "nik_excel" in _codes(r)


def test_a_typo_that_lands_on_another_persons_nik_finds_the_right_person_and_says_whose_it_was():
    # BAYU's NIK with the last digit mistyped is ANDI's NIK.
    (r,) = _match(("3503012009920002", "BAYU PRATAMA", dt.date(1992, 9, 20), "L", BESUKI))
    assert (r.status, r.registry_nik) == (MatchStatus.NIK_CORRECTED, "3503012009920001")
    other = next(x for x in r.reasons if x.code == "nik_other_person")
    assert other.registry == "ANDI KURNIAWAN"


def test_someone_the_registry_does_not_hold_is_not_found():
    (r,) = _match(("3503016612950001", "RATNA SARI", dt.date(1995, 12, 26), "P", BESUKI))
    assert (r.status, r.registry_nik) == (MatchStatus.NOT_FOUND, None)
    assert _codes(r) == ["nik_not_found"]


def test_two_namesakes_born_the_same_day_are_not_guessed_between():
    (r,) = _match(("", "DWI LESTARI", dt.date(1988, 8, 25), "P", NGARES))
    assert (r.status, r.registry_nik) == (MatchStatus.NOT_FOUND, None)
    assert _codes(r) == ["nik_missing", "ambiguous"]


def test_the_deceased_and_the_residents_of_another_regency_are_recognised():
    dead, away = _match(
        ("3503010303750001", "SLAMET RIYADI", dt.date(1975, 3, 3), "L", BESUKI),
        ("3503110101700001", "KATINEM", dt.date(1970, 1, 1), "P", NGARES),
    )
    assert (dead.status, dead.registry_nik) == (MatchStatus.DECEASED, "3503010303750001")
    assert next(x for x in dead.reasons if x.code == "deceased").registry == "2026-02-01"
    assert (away.status, away.registry_nik) == (MatchStatus.OUT_OF_REGION, "3503110101700001")
    assert next(x for x in away.reasons if x.code == "out_of_region").registry == TULUNGAGUNG


def test_a_name_that_is_not_the_nik_owners_is_not_linked_to_the_owner():
    (r,) = _match(("3503014204850001", "WARSITO", dt.date(1985, 4, 2), "L", BESUKI))
    assert (r.status, r.registry_nik) == (MatchStatus.NOT_FOUND, None)
    assert _codes(r) == ["nik_other_person"]


def test_every_candidate_gets_exactly_one_result_in_order():
    rows = [("3503014204850001", "SUMARNI", dt.date(1985, 4, 2), "P", BESUKI)] * 3 + [(None, None, None, None, None)]
    out = _match(*rows)
    assert [r.candidate_id for r in out] == [1, 2, 3, 4]
    assert out[3].status == MatchStatus.NOT_FOUND and _codes(out[3]) == ["nik_missing"]
