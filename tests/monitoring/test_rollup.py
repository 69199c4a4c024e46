"""The roll-up: every regency and city of the scope, from local figures where this instance runs the program,
else from the imported summary, else "no data"; flags for no program and no budget; small counts withheld."""

import datetime as dt
from decimal import Decimal

import pytest

from jaring.monitoring.selectors_rollup import Origin, rollup
from jaring.monitoring.services_summaries import summary_import
from jaring.programs.models import Program

from .rollup_fixtures import TODAY, WIB, jatim, keys, local_program, signed  # noqa: F401

pytestmark = pytest.mark.django_db


def rows_of(result) -> dict:
    return {row.code: row for row in result.rows}


def test_every_regency_of_the_province_has_a_row_and_no_other(jatim):  # noqa: F811
    result = rollup("35", 2026)
    assert [r.code for r in result.rows] == ["35.03", "35.05", "35.06", "35.71"]
    assert all(r.origin == Origin.NONE for r in result.rows)
    assert result.tally["none"] == 4


def test_the_nation_sees_every_province_s_regencies(jatim):  # noqa: F811
    assert "36.01" in rows_of(rollup(None, 2026))


def test_a_regency_run_here_comes_from_local_figures(local_program):  # noqa: F811
    row = rows_of(rollup("35", 2026))["35.03"]
    assert row.origin == Origin.LOCAL and row.name == "Kabupaten Trenggalek"
    assert row.by_category == {"pekerja_rentan": 1_200, "perangkat_desa": 0, "non_asn": 0}
    # 3 on the DBHCHT withheld, and the APBDes's 197 with it: 1,200 − 1,000 would give the 3 back.
    assert row.by_source == {"apbd": 1_000, "apbdes": None, "other": None}
    assert row.members == 1_200 and row.budget_allocated == Decimal(2_016_000_000)
    assert not row.no_program and not row.no_budget


def test_a_regency_elsewhere_comes_from_its_imported_summary(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"]), actor=None, today=TODAY)
    row = rows_of(rollup("35", 2026))["35.05"]
    assert row.origin == Origin.IMPORTED and row.imported_at is not None
    assert row.members == 10_400 and row.by_source == {"apbd": 6_000, "apbdes": None, "other": None}
    assert rows_of(rollup("35", 2026))["35.06"].origin == Origin.NONE
    assert rows_of(rollup("35", 2025))["35.05"].origin == Origin.NONE


def test_local_figures_win_over_a_summary_of_the_same_regency(local_program):  # noqa: F811
    from jaring.monitoring.services_summaries import sender_key_create

    key = sender_key_create(regency_code="35.03", actor=None)
    summary_import(data=signed(key, regency_code="35.03", regency_name="Kabupaten Trenggalek"), actor=None,
                   today=TODAY)  # fmt: skip
    assert rows_of(rollup("35", 2026))["35.03"].origin == Origin.LOCAL


def test_a_regency_run_here_without_a_program_this_year_is_flagged_from_local_data(local_program):  # noqa: F811
    row = rows_of(rollup("35", 2027))["35.03"]
    assert row.origin == Origin.LOCAL and row.no_program and row.members == 0


def test_no_program_and_no_budget_are_flagged_from_summaries(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"], has_program=False, budget_allocated=0, members=0,
                               by_category={}, by_source={}), actor=None, today=TODAY)  # fmt: skip
    summary_import(data=signed(keys["35.06"], regency_name="Kabupaten Kediri", budget_allocated=0), actor=None,
                   today=TODAY)  # fmt: skip
    result = rollup("35", 2026)
    blitar, kediri = rows_of(result)["35.05"], rows_of(result)["35.06"]
    assert blitar.no_program and not blitar.no_budget
    assert kediri.no_budget and not kediri.no_program
    assert (result.tally["no_program"], result.tally["no_budget"]) == (1, 1)


def test_a_program_without_a_funding_source_has_no_budget(jatim):  # noqa: F811
    Program.objects.create(code="k-2026", name="Non-ASN", year=2026, regency_id="35.03", category="non_asn")
    assert rows_of(rollup("35", 2026))["35.03"].no_budget


def test_totals_add_the_shown_counts_and_leave_withheld_ones_out(local_program, keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"]), actor=None, today=TODAY)
    result = rollup("35", 2026)
    assert result.totals.members == 1_200 + 10_400
    assert result.totals.by_source == {"apbd": 7_000, "apbdes": 0, "other": 0}
    assert result.totals.budget_allocated == Decimal(2_016_000_000 + 3_500_000_000)
    assert result.partial


def test_a_small_count_in_an_imported_summary_is_shown_withheld(keys):  # noqa: F811
    summary_import(data=signed(keys["35.71"], regency_name="Kota Kediri", members=4,
                               by_category={"non_asn": 4}, by_source={"apbd": 4}), actor=None, today=TODAY)  # fmt: skip
    row = rows_of(rollup("35", 2026))["35.71"]
    assert row.members is None and row.by_category["non_asn"] is None
    result = rollup("35", 2026)
    assert result.totals.members == 0 and result.partial


def test_a_newer_summary_is_what_the_roll_up_shows(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"]), actor=None, today=TODAY)
    summary_import(data=signed(keys["35.05"], month="2026-04", members=11_000,
                               generated=dt.datetime(2026, 5, 1, tzinfo=WIB)), actor=None, today=TODAY)  # fmt: skip
    assert rows_of(rollup("35", 2026))["35.05"].members == 11_000
