"""The summary per donation source (received, donors, worker-months earmarked, committed and free) and the
public aggregate (totals and named donors; nobody anonymous, no worker)."""

from decimal import Decimal

from jaring.donations.selectors import public_summary, source_summaries
from jaring.donations.services import donation_void

from .conftest import DONOR_YEAR, give


def summary_of(source):
    return next(s for s in source_summaries(source.program) if s.source == source)


def test_the_summary_counts_worker_months_at_the_donors_rates_against_the_decree(decree, donasi):
    give(donasi, 3 * DONOR_YEAR + 16_800 + 1_000)
    summary = summary_of(donasi)
    assert summary.received == 3 * DONOR_YEAR + 16_800 + 1_000
    assert (summary.earmark.worker_months, summary.earmark.remainder) == (37, Decimal(1_000))
    assert (summary.committed_workers, summary.committed_worker_months, summary.free_worker_months) == (2, 24, 13)


def test_a_decree_committing_more_than_was_received_shows_a_shortfall(decree, donasi):
    give(donasi, DONOR_YEAR)
    assert summary_of(donasi).free_worker_months == -12


def test_a_donor_giving_twice_counts_once_and_void_entries_not_at_all(donasi):
    give(donasi, 1_000_000, donor="PT Sumber Rejeki")
    give(donasi, 1_000_000, donor="pt sumber rejeki")
    give(donasi, 500_000, donor="", anonymous=True)
    give(donasi, 500_000, donor="", anonymous=True)
    donation_void(donation=give(donasi, 9_000_000, donor="Salah"), reason="Salah entri", actor=None)
    summary = summary_of(donasi)
    assert (summary.received, summary.donations, summary.donors) == (3_000_000, 4, 3)


def test_only_donation_and_csr_sources_are_summarised(program, donasi, csr):
    assert [s.source.name for s in source_summaries(program)] == ["CSR Bank Jatim", "Donasi Peduli Pekerja"]


def test_the_public_summary_adds_up_every_donation_source_and_hides_anonymous_names(decree, donasi, csr):
    give(donasi, 2 * DONOR_YEAR, donor="PT Sumber Rejeki")
    give(csr, DONOR_YEAR, donor="BAZNAS Trenggalek", donor_kind="baznas")
    give(donasi, 100_000, donor="Pak Haji Salim", anonymous=True)
    public = public_summary(decree.program)
    assert public.received == 3 * DONOR_YEAR + 100_000
    # Rp100.000 over two years on Donasi: January–March at Rp16.800, then five months at Rp8.400, Rp7.600 left.
    assert public.worker_months == (24 + 8) + 12
    assert public.workers_now == 2
    assert [(d.name, d.total) for d in public.donors] == [("BAZNAS Trenggalek", DONOR_YEAR),
                                                          ("PT Sumber Rejeki", 2 * DONOR_YEAR)]  # fmt: skip
    assert (public.anonymous.donations, public.anonymous.total) == (1, 100_000)
