"""`jaring simulate --budget RUPIAH --months N`: people and cost at the rates the migrations ship."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.programs.models import ContributionRate

pytestmark = pytest.mark.django_db


def simulate(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("simulate", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_trenggalek_budget_covers_10000_people_for_a_year():
    output = simulate("--budget", "2016000000", "--months", "12", "--start", "2025-01")
    assert "Januari–Desember 2025: JKK Rp10.000 + JKM Rp6.800 = Rp16.800" in output
    assert "Biaya per orang untuk 12 bulan: Rp201.600" in output
    assert "cukup untuk 10.000 orang" in output
    assert "Total biaya: Rp2.016.000.000" in output and "Sisa anggaran: Rp0." in output


def test_the_period_starts_in_january_of_this_year_by_default():
    output = simulate("--budget", "2016000000", "--months", "12")
    assert f"Januari–Desember {date.today().year}" in output


def test_1_2_billion_for_10_months_covers_7142_people_and_says_what_is_left():
    output = simulate("--budget", "Rp1.200.000.000", "--months", "10", "--start", "2025-01")
    assert "cukup untuk 7.142 orang" in output and "Sisa anggaran: Rp144.000." in output


def test_jht_adds_2_percent_of_income():
    output = simulate("--budget", "0", "--months", "1", "--start", "2025-01", "--jht", "--income", "2500000")
    assert "JKK Rp25.000 + JKM Rp6.800 + JHT Rp50.000 = Rp81.800" in output
    assert "cukup untuk 0 orang" in output


def test_a_donor_gets_pp_50_2025s_discount_and_the_regency_is_told_it_does_not():
    donor = simulate("--budget", "2016000000", "--months", "12", "--start", "2026-01", "--payer", "donasi")
    assert "April–Desember 2026: JKK Rp5.000 + JKM Rp3.400 = Rp8.400" in donor
    regency = simulate("--budget", "2016000000", "--months", "12", "--start", "2026-01")
    assert "Januari–Desember 2026: JKK Rp10.000 + JKM Rp6.800 = Rp16.800" in regency
    assert "Potongan 50% PP 50/2025 — BPU bukan transportasi (April–Desember 2026) tidak berlaku" in regency


def test_people_prints_their_cost_and_what_the_budget_lacks():
    output = simulate("--budget", "2000000000", "--months", "12", "--start", "2025-01", "--people", "10000")
    assert "Biaya 10.000 orang untuk 12 bulan: Rp2.016.000.000." in output
    assert "Anggaran kurang Rp16.000.000 untuk 10.000 orang." in output
    assert "Rp2.016.000.000" in simulate("--months", "12", "--start", "2025-01", "--people", "10000")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--budget", "2016000000", "--months", "13"], "Jumlah bulan harus 1 sampai 12, bukan 13"),
        (["--budget", "2016000000", "--months", "0"], "Jumlah bulan harus 1 sampai 12"),
        (["--budget", "2016000000", "--months", "dua belas"], "Jumlah bulan harus angka"),
        (["--budget", "-5", "--months", "12"], "Anggaran tidak boleh negatif"),
        (["--budget", "20160000000000", "--months", "12"], "periksa jumlah nolnya"),
        (["--budget", "2 miliar lebih", "--months", "12"], "tidak terbaca"),
        (["--budget", "1", "--months", "12", "--start", "2026-13"], "Bulan mulai harus 1 sampai 12"),
        (["--budget", "1", "--months", "12", "--start", "Jan 2026"], "YYYY-MM"),
        (["--budget", "1", "--months", "12", "--income", "500000"], "di luar rentang Rp1.000.000–Rp20.700.000"),
        (["--budget", "1", "--months", "12", "--payer", "pemda"], "Pembayar 'pemda' tidak dikenal"),
        (["--months", "12"], "Isi --budget"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_nothing_is_printed(args, message):
    out = StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("simulate", *args, stdout=out, stderr=StringIO())
    assert out.getvalue() == ""


def test_a_month_without_a_rate_is_named():
    ContributionRate.objects.filter(segment="bpu", component="jkk").update(valid_to="2027-04-30")
    with pytest.raises(CommandError, match="Tarif JKK BPU untuk bulan Mei 2027 belum ada"):
        simulate("--budget", "2016000000", "--months", "12", "--start", "2027-01")
