"""``jaring donation``: a dry run unless --wet-run, with the same checks and the worker-months it would cover."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.donations.models import Donation

from .conftest import DONOR_YEAR

ARGS = ["donation", "--program", "pr-2026", "--source", "donasi peduli pekerja", "--date", "2026-02-10"]


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_dry_run_reports_the_donation_and_saves_nothing(decree, donasi):
    out = run(*ARGS, "--amount", str(3 * DONOR_YEAR), "--donor", "PT Sumber Rejeki")
    assert "Donasi Rp378.000 dari PT Sumber Rejeki" in out and "Menanggung 36 bulan-pekerja" in out
    assert "memakai 24, masih bebas 12" in out and "Uji coba saja" in out
    donasi.refresh_from_db()
    assert not Donation.objects.exists() and donasi.amount == 0


def test_a_wet_run_records_the_donation_and_raises_the_budget(donasi):
    out = run(*ARGS, "--amount", "1.000.000", "--anonymous", "--reference", "TRF 5", "--wet-run")
    assert "Hamba Allah" in out and "Uji coba" not in out
    donation = Donation.objects.get()
    donasi.refresh_from_db()
    assert donation.anonymous and donation.reference == "TRF 5" and donasi.amount == 1_000_000


def test_a_refused_donation_fails_with_the_reason(program, donasi):
    run(*ARGS, "--amount", "1000000", "--donor", "Ibu Sri", "--reference", "TRF 5", "--wet-run")
    with pytest.raises(CommandError, match="sudah dicatat"):
        run(*ARGS, "--amount", "1000000", "--donor", "Ibu Sri", "--reference", "TRF 5", "--wet-run")
    with pytest.raises(CommandError, match="bukan sumber dana donasi"):
        run("donation", "--program", "pr-2026", "--source", "APBD Trenggalek", "--amount", "1", "--date",
            "2026-02-10", "--donor", "X")  # fmt: skip
    assert Donation.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--program", "nope", "--source", "Donasi"], "Program 'nope' tidak ada"),
        (["--program", "pr-2026", "--source", "Donasi lain"], "yang ada: "),
    ],
)
def test_an_unknown_program_or_source_fails(donasi, args, message):
    with pytest.raises(CommandError, match=message):
        run("donation", *args, "--amount", "1000", "--date", "2026-02-10", "--donor", "X")


def test_a_bad_date_fails(donasi):
    with pytest.raises(CommandError, match="tidak sah"):
        run("donation", "--program", "pr-2026", "--source", "Donasi Peduli Pekerja", "--amount", "1000",
            "--date", "10-02-2026", "--donor", "X")  # fmt: skip
