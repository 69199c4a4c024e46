"""The coverage rules alone, without a database: warnings at one and two unpaid months, the last warning at
three, the end after more than three (manual PROBIS KEPESERTAAN p. 59), and the words of an end."""

import datetime as dt

import pytest

from jaring.billing.arrears import (
    BilledMonth,
    CoverageState,
    EndCause,
    arrears_of,
    end_reason,
    last_month_past_due,
    levels,
)


def billed(*paid: bool, first=dt.date(2026, 1, 1)) -> list[BilledMonth]:
    return [BilledMonth(dt.date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1), p)
            for n, p in enumerate(paid)]  # fmt: skip


def state(months, today, *, due_day=15, lapse_after=3):
    return arrears_of(months, today=today, due_day=due_day, lapse_after=lapse_after)


def test_a_month_is_in_arrears_only_after_its_due_day():
    assert last_month_past_due(dt.date(2026, 2, 15), 15) == dt.date(2025, 12, 1)  # paying on the 15th is on time
    assert last_month_past_due(dt.date(2026, 2, 16), 15) == dt.date(2026, 1, 1)
    assert state(billed(False), dt.date(2026, 2, 15)).state == CoverageState.FINE
    assert state(billed(False), dt.date(2026, 2, 16)).level == "warning_1"


def test_warnings_count_the_unpaid_months_up_to_the_last_warning():
    january_to_march_unpaid = billed(False, False, False, False)
    assert state(january_to_march_unpaid, dt.date(2026, 3, 16)).level == "warning_2"
    last = state(january_to_march_unpaid, dt.date(2026, 4, 16))
    assert (last.state, last.months, last.reason) == (
        CoverageState.LAST_WARNING,
        3,
        "Iuran belum dibayar 3 bulan (Januari–Maret 2026)",
    )


def test_more_than_three_unpaid_months_end_the_membership_before_the_first_of_them():
    months = billed(True, False, False, False, False)  # January paid, February to May not
    ended = state(months, dt.date(2026, 6, 16))
    assert ended.state == CoverageState.ENDED and ended.end == dt.date(2026, 1, 31)
    assert ended.reason == "Iuran tidak dibayar 4 bulan berturut-turut (Februari–Mei 2026)"


def test_the_run_counts_back_from_the_latest_due_month_so_a_paid_month_resets_it():
    months = billed(False, False, True, False)  # March paid after two unpaid months
    assert state(months, dt.date(2026, 5, 16)).level == "warning_1"
    assert state(billed(False, False, True), dt.date(2026, 4, 16)).state == CoverageState.FINE


def test_a_payment_catching_up_clears_the_warnings():
    before = billed(False, False, False)
    assert state(before, dt.date(2026, 4, 16)).state == CoverageState.LAST_WARNING
    assert state(billed(True, True, True), dt.date(2026, 4, 16)).state == CoverageState.FINE


def test_a_run_across_the_new_year_names_both_years():
    ended = state(billed(False, False, False, False, first=dt.date(2025, 11, 1)), dt.date(2026, 3, 16))
    assert ended.reason.endswith("(November 2025–Februari 2026)") and ended.end == dt.date(2025, 10, 31)


def test_the_number_of_months_allowed_is_the_regencys_setting():
    assert state(billed(False, False), dt.date(2026, 3, 16), lapse_after=1).state == CoverageState.ENDED
    assert levels(3) == ["fine", "warning_1", "warning_2", "last_warning", "ended"]


@pytest.mark.parametrize(
    ("cause", "words"),
    [
        (EndCause.DEATH, "Meninggal dunia 12-03-2026 (dilaporkan oleh Sri)"),
        (EndCause.MOVED_OUT, "Pindah keluar kabupaten 12-03-2026 (dilaporkan oleh Sri)"),
        (EndCause.WAGE_EARNER, "Menjadi pekerja penerima upah 12-03-2026 (dilaporkan oleh Sri)"),
        (EndCause.WITHDREW, "Mengundurkan diri 12-03-2026 (dilaporkan oleh Sri)"),
    ],
)
def test_an_end_reads_as_its_cause_date_and_reporter(cause, words):
    assert end_reason(cause, dt.date(2026, 3, 12), reported_by="Sri") == words


def test_a_death_from_the_civil_registry_says_so():
    assert end_reason("death", dt.date(2026, 3, 12), reported_by="menurut data Dukcapil") == (
        "Meninggal dunia 12-03-2026 menurut data Dukcapil"
    )
