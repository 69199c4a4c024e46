"""Costs read the rate table the migrations ship, and a program's package and payers."""

from decimal import Decimal

import pytest

from jaring.programs.costs import package_of, person_cost, program_costs, rate_tables
from jaring.programs.models import ContributionDiscount, ContributionRate, FundingSource, Program
from jaring.programs.rates import IncomeOutOfRange, RateMissing


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def fund(program, kind, amount=1_000_000_000):
    return FundingSource.objects.create(program=program, kind=kind, name=kind, amount=amount)


@pytest.mark.django_db
def test_a_new_database_has_the_shipped_rates_each_naming_its_regulation():
    assert ContributionRate.objects.count() == 15 and ContributionDiscount.objects.count() == 2
    assert not ContributionRate.objects.filter(regulation="").exists()
    jkm = ContributionRate.objects.get(segment="bpu", component="jkm")
    assert jkm.employer_rate == 6_800 and "PP 44/2015" in jkm.regulation
    single_source = ContributionRate.objects.get(component="jp", valid_to=None)
    assert single_source.base_cap == 11_086_300 and "B/1226/022026" in single_source.note


@pytest.mark.django_db
def test_an_admin_adds_rows_after_the_shipped_ones_without_a_key_clash():
    ContributionRate.objects.create(
        segment="bpu", component="jkm", basis="flat", employer_rate=7_000, valid_from="2030-01-01", regulation="uji"
    )
    assert len(rate_tables()[0]) == 16


def test_a_bpu_program_costs_16800_a_person_a_month(program):
    program.months = 10
    cost = person_cost(program, "apbd_kabupaten")
    assert cost.total == 16_800 * 10 and len(cost.month_costs) == 10


def test_a_pu_program_for_village_officials_costs_the_employer_shares(program):
    program.segment, program.category = "pu", "perangkat_desa"
    program.declared_income, program.risk_class = Decimal(3_000_000), 2
    program.include_jht = program.include_jp = True
    program.start_month, program.months = 3, 1
    # JKK 0.54% 16,200 + JKM 0.30% 9,000 + JHT 3.7% 111,000 + JP 2% 60,000
    assert person_cost(program, "apbd_kabupaten").total == 196_200
    program.pays_worker_share = True  # + JHT 2% 60,000 + JP 1% 30,000
    assert person_cost(program, "apbd_kabupaten").total == 286_200


def test_each_kind_of_payer_gets_its_own_cost(program):
    assert set(program_costs(program)) == {"apbd_kabupaten"}
    fund(program, "apbd_kabupaten")
    fund(program, "donasi")
    costs = program_costs(program)
    assert costs["apbd_kabupaten"].total == 12 * 16_800
    assert costs["donasi"].total == 3 * 16_800 + 9 * 8_400  # PP 50/2025 from April


def test_a_program_package_follows_its_options(program):
    program.include_jht, program.sector = True, "transport"
    package = package_of(program)
    assert package.components == {"jkk", "jkm", "jht"} and package.sector == "transport"


def test_bad_programs_are_explained_not_half_computed(program):
    program.declared_income = Decimal(500_000)
    with pytest.raises(IncomeOutOfRange):
        person_cost(program, "apbd_kabupaten")
    program.declared_income = Decimal(1_000_000)
    ContributionRate.objects.filter(segment="bpu", component="jkk").update(valid_to="2026-06-30")
    with pytest.raises(RateMissing, match="Juli 2026"):
        person_cost(program, "apbd_kabupaten")
