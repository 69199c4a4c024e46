"""What a package costs a payer, month by month, from the rate table shipped as a fixture (no database)."""

import dataclasses
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import jaring.programs
from jaring.programs.rates import (
    BUDGET_GUARD,
    BudgetInvalid,
    Discount,
    IncomeOutOfRange,
    Package,
    PackageInvalid,
    PeriodInvalid,
    Rate,
    RateConflict,
    RateMissing,
    cost_for_people,
    month_cost,
    month_span,
    people_for_budget,
    period_cost,
    period_start,
    read_rupiah,
)

FIXTURE = Path(jaring.programs.__file__).parent / "fixtures" / "rates.json"


def shipped_tables() -> tuple[list[Rate], list[Discount]]:
    rows = json.loads(FIXTURE.read_text())
    rates = [Rate.from_fields(r["fields"]) for r in rows if r["model"] == "programs.contributionrate"]
    discounts = [Discount.from_fields(r["fields"]) for r in rows if r["model"] == "programs.contributiondiscount"]
    return rates, discounts


RATES, DISCOUNTS = shipped_tables()
BASIC = Package.of("bpu", 1_000_000)


def cost(package=BASIC, month=date(2026, 1, 1), payer="apbd_kabupaten", rates=RATES, discounts=DISCOUNTS):
    return month_cost(rates, discounts, package, month, payer)


def payer_amounts(month_cost_) -> dict[str, Decimal]:
    return {c.component: c.payer for c in month_cost_.components}


# BPU: the package regencies pay for


def test_bpu_basic_package_costs_16800_a_month():
    month = cost()
    assert payer_amounts(month) == {"jkk": 10_000, "jkm": 6_800}
    assert month.total == 16_800


def test_bpu_with_jht_costs_36800_a_month():
    assert cost(Package.of("bpu", 1_000_000, jht=True)).total == 36_800


def test_bpu_jkk_is_one_percent_of_declared_income():
    assert cost(Package.of("bpu", 2_500_000))["jkk"].payer == 25_000
    assert cost(Package.of("bpu", 20_700_000))["jkk"].payer == 207_000


def test_components_are_rounded_half_up_to_whole_rupiah():
    assert cost(Package.of("bpu", 1_000_050))["jkk"].payer == 10_001  # 10,000.50: half up, not to even
    assert cost(Package.of("bpu", 1_000_049))["jkk"].payer == 10_000


@pytest.mark.parametrize("income", [999_999, 20_700_001])
def test_declared_income_outside_the_bpu_range_is_refused_with_the_range(income):
    with pytest.raises(IncomeOutOfRange, match=r"di luar rentang Rp1\.000\.000–Rp20\.700\.000 \(PP 44/2015"):
        cost(Package.of("bpu", income))


def test_jp_is_not_available_to_bpu():
    with pytest.raises(PackageInvalid, match="JP hanya untuk peserta penerima upah"):
        Package.of("bpu", 1_000_000, jp=True)


def test_a_package_always_holds_jkk_and_jkm():
    with pytest.raises(PackageInvalid, match="JKK dan JKM"):
        Package(segment="bpu", components=frozenset({"jkk", "jht"}), income=Decimal(1_000_000))


# PU: village officials and non-ASN staff


@pytest.mark.parametrize(("risk_class", "jkk"), [(1, 4_800), (2, 10_800), (3, 17_800), (4, 25_400), (5, 34_800)])
def test_pu_jkk_follows_the_risk_class(risk_class, jkk):
    assert cost(Package.of("pu", 2_000_000, risk_class=risk_class))["jkk"].payer == jkk


def test_pu_employer_pays_its_share_and_the_worker_share_is_deducted_from_the_wage():
    month = cost(Package.of("pu", 5_000_000, jht=True, jp=True, risk_class=3))
    assert payer_amounts(month) == {"jkk": 44_500, "jkm": 15_000, "jht": 185_000, "jp": 100_000}
    assert {c.component: c.worker for c in month.components} == {"jkk": 0, "jkm": 0, "jht": 100_000, "jp": 50_000}
    assert month.total == 344_500


def test_pu_payer_that_takes_over_the_worker_share_pays_both():
    package = Package.of("pu", 5_000_000, jht=True, jp=True, risk_class=3, pays_worker_share=True)
    month = cost(package)
    assert month.total == 494_500 and month.worker_total == 0


def test_jp_base_is_capped_at_the_ceiling_which_changes_in_march():
    package = Package.of("pu", 12_000_000, jp=True)
    period = period_cost(RATES, DISCOUNTS, package, date(2026, 1, 1), 4, "apbd_kabupaten")
    assert [m["jp"].payer for m in period.month_costs] == [210_948, 210_948, 221_726, 221_726]
    assert [m["jp"].worker for m in period.month_costs] == [105_474, 105_474, 110_863, 110_863]
    assert period_cost(RATES, DISCOUNTS, package, date(2025, 2, 1), 2, "x").month_costs[1]["jp"].payer == 210_948


def test_jp_below_the_ceiling_is_on_the_whole_wage():
    assert cost(Package.of("pu", 3_000_000, jp=True))["jp"].payer == 60_000


# PP 50/2025: half of BPU JKK + JKM, but not for APBD payers


def test_a_donor_pays_half_of_jkk_and_jkm_from_april_to_december_2026():
    month = cost(Package.of("bpu", 1_000_000, jht=True), month=date(2026, 4, 1), payer="donasi")
    assert payer_amounts(month) == {"jkk": 5_000, "jkm": 3_400, "jht": 20_000}
    assert month["jkk"].discount == 5_000 and month["jht"].discount == 0
    assert month.total - month["jht"].payer == 8_400


def test_regency_and_province_budgets_get_no_discount():
    for payer in ("apbd_kabupaten", "apbd_provinsi", "dbhcht"):
        assert cost(month=date(2026, 6, 1), payer=payer).total == 16_800


def test_non_transport_discount_starts_in_april_2026_and_ends_in_december():
    period = period_cost(RATES, DISCOUNTS, BASIC, date(2026, 1, 1), 12, "donasi")
    assert [(month_span(first, last), m.total) for first, last, m in period.stretches()] == [
        ("Januari–Maret 2026", 16_800),
        ("April–Desember 2026", 8_400),
    ]
    assert period.total == 3 * 16_800 + 9 * 8_400
    assert cost(month=date(2027, 1, 1), payer="donasi").total == 16_800


def test_transport_sector_discount_runs_from_january_2026_to_march_2027():
    transport = Package.of("bpu", 1_000_000, sector="transport")
    assert cost(transport, month=date(2025, 12, 1), payer="donasi").total == 16_800
    assert cost(transport, month=date(2026, 1, 1), payer="donasi").total == 8_400
    assert cost(transport, month=date(2027, 3, 1), payer="csr_baznas").total == 8_400
    assert cost(transport, month=date(2027, 4, 1), payer="donasi").total == 16_800


def test_village_budgets_get_the_discount_unless_an_admin_excludes_them():
    assert cost(month=date(2026, 5, 1), payer="apbdes").total == 8_400
    stricter = [dataclasses.replace(d, excluded_payers=d.excluded_payers | {"apbdes"}) for d in DISCOUNTS]
    assert cost(month=date(2026, 5, 1), payer="apbdes", discounts=stricter).total == 16_800


# The rate table as data


def test_a_month_without_a_rate_names_the_rate_and_the_month():
    ending = [dataclasses.replace(r, valid_to=date(2027, 4, 30)) if r.component == "jkk" else r for r in RATES]
    with pytest.raises(RateMissing) as error:
        period_cost(ending, DISCOUNTS, BASIC, date(2027, 1, 1), 12, "apbd_kabupaten")
    assert str(error.value) == "Tarif JKK BPU untuk bulan Mei 2027 belum ada; tambahkan di Admin → Tarif iuran."


def test_jp_before_the_first_ceiling_shipped_is_missing():
    with pytest.raises(RateMissing, match="Tarif JP PU untuk bulan Januari 2022"):
        cost(Package.of("pu", 5_000_000, jp=True), month=date(2022, 1, 1))


def test_a_new_row_supersedes_an_open_ended_one_from_its_first_month():
    raised = Rate(
        segment="bpu", component="jkm", basis="flat", employer_rate=Decimal(7_000), valid_from=date(2027, 1, 1)
    )
    rates = [*RATES, raised]
    assert cost(month=date(2026, 12, 1), rates=rates)["jkm"].payer == 6_800
    assert cost(month=date(2027, 1, 1), rates=rates)["jkm"].payer == 7_000


def test_two_rows_starting_the_same_day_are_a_conflict():
    twin = next(r for r in RATES if r.segment == "bpu" and r.component == "jkm")
    with pytest.raises(RateConflict, match="Ada 2 tarif JKM BPU"):
        cost(rates=[*RATES, dataclasses.replace(twin, employer_rate=Decimal(7_000))])


def test_every_shipped_row_names_its_regulation():
    assert all(r.regulation for r in RATES) and all(d.regulation for d in DISCOUNTS)


# Periods


def test_a_period_may_run_into_the_next_year():
    period = period_cost(RATES, DISCOUNTS, BASIC, date(2025, 11, 1), 3, "apbd_kabupaten")
    assert [m.month for m in period.month_costs] == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert period.total == 50_400 and period.average == 16_800


@pytest.mark.parametrize("months", [0, 13, -1])
def test_months_outside_one_to_twelve_are_refused(months):
    with pytest.raises(PeriodInvalid, match="1 sampai 12"):
        period_cost(RATES, DISCOUNTS, BASIC, date(2026, 1, 1), months, "apbd_kabupaten")


@pytest.mark.parametrize("month", [0, 13])
def test_a_start_month_outside_one_to_twelve_is_refused(month):
    with pytest.raises(PeriodInvalid, match="Bulan mulai"):
        period_start(2026, month)


# Budgets: Trenggalek's figures


def test_trenggalek_10000_people_for_12_months_cost_2016000000():
    per_person = period_cost(RATES, DISCOUNTS, BASIC, date(2025, 1, 1), 12, "apbd_kabupaten").total
    assert per_person == 201_600
    assert cost_for_people(10_000, per_person) == 2_016_000_000
    assert people_for_budget(2_016_000_000, per_person) == 10_000


def test_1_2_billion_for_10_months_pays_for_7142_people():
    per_person = period_cost(RATES, DISCOUNTS, BASIC, date(2025, 1, 1), 10, "apbd_kabupaten").total
    assert people_for_budget(1_200_000_000, per_person) == 7_142


def test_negative_and_absurd_budgets_are_refused():
    with pytest.raises(BudgetInvalid, match="tidak boleh negatif"):
        people_for_budget(-5, 201_600)
    with pytest.raises(BudgetInvalid, match="periksa jumlah nolnya"):
        people_for_budget(BUDGET_GUARD + 1, 201_600)
    with pytest.raises(BudgetInvalid):
        cost_for_people(-1, 201_600)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("2016000000", 2_016_000_000),
        ("2.016.000.000", 2_016_000_000),
        ("Rp2.016.000.000", 2_016_000_000),
        ("1,2 miliar", 1_200_000_000),
    ],
)
def test_budgets_are_read_as_people_type_them(typed, amount):
    assert read_rupiah(typed) == amount


@pytest.mark.parametrize("typed", ["-5", "Rp -5", "2 miliar lebih", "banyak", "1.5"])
def test_negative_approximate_and_unreadable_budgets_are_refused(typed):
    with pytest.raises(BudgetInvalid):
        read_rupiah(typed)
