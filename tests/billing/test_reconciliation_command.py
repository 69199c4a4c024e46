"""``jaring reconcile FILE``: a report in Bahasa Indonesia, a dry run unless --wet-run, the reason on bad input."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.billing.models import Reconciliation

from .test_reconciliation import EVERY_KIND, billed, status_file  # noqa: F401


def run(*args) -> str:
    out = StringIO()
    call_command("reconcile", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def status_path(tmp_path, billed):  # noqa: F811
    path = tmp_path / "status-januari.csv"
    path.write_bytes(status_file(EVERY_KIND))
    return path


def test_the_report_names_program_month_counts_and_each_difference_with_its_action(status_path):
    out = run(str(status_path))
    assert "Bantuan iuran pekerja rentan (pr-2026), Januari 2026: 5 baris BPJS, 4 baris tagihan Jaring." in out
    assert "        1  cocok" in out and "        1  jumlah iuran berbeda" in out
    assert "KPJ 17010000003 (dicatat lunas di Jaring, belum dibayar menurut BPJS" in out
    assert "Kirim bukti bayar ke kantor cabang BPJS." in out
    assert "Uji coba saja" in out and not Reconciliation.objects.exists()


def test_wet_run_saves_once_and_a_second_run_is_refused(status_path):
    out = run(str(status_path), "--program", "pr-2026", "--month", "2026-01", "--wet-run")
    assert "Disimpan: rekonsiliasi" in out and "4 selisih" in out
    with pytest.raises(CommandError, match="sudah pernah diimpor"):
        run(str(status_path), "--wet-run")
    assert Reconciliation.objects.get().status == "saved"


def test_bad_input_fails_with_the_reason(status_path):
    with pytest.raises(CommandError, match="bukan Februari 2026"):
        run(str(status_path), "--month", "2026-02")
    with pytest.raises(CommandError, match="Bulan '2026-13' tidak dikenal"):
        run(str(status_path), "--month", "2026-13")
    with pytest.raises(CommandError, match="Program 'nope' tidak ada"):
        run(str(status_path), "--program", "nope")
    with pytest.raises(CommandError, match="tidak ada"):
        run(str(status_path.with_name("hilang.csv")))
