"""Worker-months a sum of money covers, month by month at the payer's rates (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaring.donations.earmark import Earmark, EarmarkInvalid, free_worker_months, worker_months

APBD = [Decimal(16_800)] * 12
#: What a donor pays for a non-transport BPU worker in 2026: PP 50/2025 halves JKK + JKM from April.
DONOR = [Decimal(16_800)] * 3 + [Decimal(8_400)] * 9


def test_a_years_contributions_for_ten_workers_cover_120_worker_months():
    assert worker_months(10 * 12 * 16_800, APBD) == Earmark(120, Decimal(0))


def test_the_rupiah_that_do_not_pay_a_whole_month_are_the_remainder():
    assert worker_months(1_000_000, APBD) == Earmark(59, Decimal(8_800))


def test_money_beyond_whole_workers_pays_one_more_worker_from_the_programs_first_month():
    # One worker for the year (Rp126.000), then January and February of a second (2 × Rp16.800) and Rp5.000 left.
    assert worker_months(126_000 + 2 * 16_800 + 5_000, DONOR) == Earmark(14, Decimal(5_000))


def test_a_donor_buys_more_worker_months_than_the_apbd_in_the_discounted_months():
    assert worker_months(2_016_000, DONOR).worker_months == 192
    assert worker_months(2_016_000, APBD).worker_months == 120


def test_no_money_covers_nothing():
    assert worker_months(0, APBD) == Earmark(0, Decimal(0))


@pytest.mark.parametrize("total", [-1, Decimal("10.5")])
def test_negative_or_fractional_money_is_refused(total):
    with pytest.raises(EarmarkInvalid, match="rupiah bulat"):
        worker_months(total, APBD)


def test_a_program_without_months_or_with_a_free_month_is_refused():
    with pytest.raises(EarmarkInvalid, match="tanpa bulan"):
        worker_months(100_000, [])
    with pytest.raises(EarmarkInvalid, match="lebih dari Rp0"):
        worker_months(100_000, [Decimal(16_800), Decimal(0)])


def test_a_decree_committing_more_than_the_money_covers_shows_a_shortfall():
    assert free_worker_months(earmarked=30, committed=24) == 6
    assert free_worker_months(earmarked=20, committed=24) == -4


@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=0, max_value=10**6))
def test_more_money_never_covers_fewer_worker_months_and_the_remainder_buys_no_further_month(total, extra):
    first, more = worker_months(total, DONOR), worker_months(total + extra, DONOR)
    assert more.worker_months >= first.worker_months
    assert 0 <= first.remainder < max(DONOR)
