"""``jaring coverage-check`` and ``jaring membership-end``: counts and reasons in Bahasa Indonesia, dry runs
unless --wet-run."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.billing.services import invoices_issue
from jaring.enrollment.models import Membership


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_coverage_check_counts_per_level_and_changes_nothing_without_wet_run(program, memberships):
    for month in (1, 2):
        invoices_issue(program=program, month=dt.date(2026, month, 1), actor=None)
    out = run("coverage_check", "--program", "pr-2026", "--date", "2026-03-16")
    assert "4  peringatan 2 (menunggak 2 bulan)" in out and "0  lancar" in out
    assert "Akan diubah: 4 menjadi nonaktif" in out and "Uji coba" in out
    assert set(Membership.objects.values_list("status", flat=True)) == {"active"}
    out = run("coverage_check", "--program", "pr-2026", "--date", "2026-03-16", "--wet-run")
    assert "Diubah: 4 menjadi nonaktif" in out
    assert set(Membership.objects.values_list("status", flat=True)) == {"lapsed"}


def test_coverage_check_refuses_an_unknown_program_or_date(db):
    with pytest.raises(CommandError, match="tidak ada"):
        run("coverage_check", "--program", "nope")
    with pytest.raises(CommandError, match="tidak sah"):
        run("coverage_check", "--program", "nope", "--date", "16-03-2026")


def test_membership_end_shows_the_end_then_saves_it_with_wet_run(program, memberships):
    args = ["membership_end", "--program", "pr-2026", "--kpj", "17010000004", "--cause", "death",
            "--date", "2026-03-12", "--note", "akta 123"]  # fmt: skip
    out = run(*args)
    assert "AGUS (KPJ 17010000004) akan berakhir 31-03-2026: Meninggal dunia 12-03-2026" in out
    assert Membership.objects.get(kpj="17010000004").status == "active"
    out = run(*args, "--wet-run")
    agus = Membership.objects.get(kpj="17010000004")
    assert (agus.status, agus.end) == ("ended", dt.date(2026, 3, 31))
    assert agus.status_reason == "Meninggal dunia 12-03-2026 (dilaporkan oleh sistem): akta 123"
    with pytest.raises(CommandError, match="sudah berakhir 31-03-2026"):
        run(*args)


def test_membership_end_refuses_an_unknown_kpj(program, memberships):
    with pytest.raises(CommandError, match="Tidak ada kepesertaan dengan KPJ 17019999999"):
        run("membership_end", "--program", "pr-2026", "--kpj", "17019999999", "--cause", "withdrew",
            "--date", "2026-03-12")  # fmt: skip
