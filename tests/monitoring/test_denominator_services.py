"""Loading a regency's denominators in two phases, replacing a year's rows, the coverage target, and reading the
denominators of any region back."""

import pytest

from jaring.audit.models import AuditEvent
from jaring.monitoring.models import CoverageTarget, WorkforceDenominator
from jaring.monitoring.selectors_denominators import denominator_year, denominators_for, target_for
from jaring.monitoring.services_denominators import DenominatorError, coverage_target_set, denominators_load

from ..conftest import BESUKI, NGARES, TERBIS
from .denominator_files import SOURCE, table_csv, table_xlsx

PANGGUL, TRENGGALEK_KEC = "35.03.01", "35.03.11"
YEAR = 2026
FIRST = [
    [BESUKI, "Besuki", 1000, 750, SOURCE],
    [TERBIS, "Terbis", 800, 600, SOURCE],
    [NGARES, "Ngares", 500, 400, SOURCE],
]


def load(users, data, *, year=YEAR, confirm=True, who="verifikator", **extra):
    return denominators_load(regency_code="35.03", year=year, data=data, name="penyebut.xlsx", confirm=confirm,
                             actor=users[who], **extra)  # fmt: skip


def stored(year=YEAR):
    return {r.region_code: (r.workers, r.informal_workers) for r in WorkforceDenominator.objects.filter(year=year)}


def loads():
    return AuditEvent.objects.filter(action="monitoring.denominators_loaded")


def test_the_check_reports_what_saving_would_change_and_writes_nothing(users):
    report = load(users, table_xlsx(FIRST), confirm=False)
    assert (report.ok, len(report.rows), report.added, report.changed, report.removed) == (True, 3, 3, 0, 0)
    assert not report.saved and stored() == {} and not loads().exists()


def test_confirming_saves_the_rows_with_who_loaded_them_and_one_audit_row(users):
    report = load(users, table_xlsx(FIRST))
    assert report.saved
    assert stored() == {BESUKI: (1000, 750), TERBIS: (800, 600), NGARES: (500, 400)}
    row = WorkforceDenominator.objects.get(region_code=BESUKI)
    assert (row.regency_code, row.source, row.loaded_by) == ("35.03", SOURCE, users["verifikator"])
    event = loads().get()
    assert event.region_code == "35.03" and event.detail["added"] == 3 and event.detail["year"] == YEAR


def test_loading_the_same_file_again_changes_nothing(users):
    data = table_xlsx(FIRST)
    load(users, data)
    before = list(WorkforceDenominator.objects.values_list("pk", "loaded_at").order_by("pk"))
    again = load(users, data)
    assert not again.saved and again.unchanged == 3 and again.changes == 0
    assert "tidak ada yang diubah" in again.notices[-1]
    assert list(WorkforceDenominator.objects.values_list("pk", "loaded_at").order_by("pk")) == before
    assert loads().count() == 1


def test_a_new_file_for_the_year_replaces_that_years_rows_and_is_audited(users):
    load(users, table_xlsx(FIRST))
    load(users, table_xlsx(FIRST), year=YEAR - 1)
    second = [[BESUKI, "Besuki", 1100, 800, SOURCE], [TERBIS, "Terbis", 800, 600, SOURCE],
              [PANGGUL, "Panggul", 9000, 7000, SOURCE]]  # fmt: skip
    check = load(users, table_xlsx(second), confirm=False)
    assert (check.added, check.changed, check.removed, check.unchanged) == (1, 1, 1, 1)
    assert any("akan dihapus" in n for n in check.notices)
    assert any("Kecamatan Panggul dimuat bersama" in n for n in check.notices)
    load(users, table_xlsx(second), who="perencana")
    assert stored() == {BESUKI: (1100, 800), TERBIS: (800, 600), PANGGUL: (9000, 7000)}
    assert stored(YEAR - 1) == {BESUKI: (1000, 750), TERBIS: (800, 600), NGARES: (500, 400)}
    detail = loads().order_by("-pk").first().detail
    assert detail | {"sha256": ""} == {"year": YEAR, "filename": "penyebut.xlsx", "sha256": "", "rows": 3, "added": 1,
                                       "changed": 1, "removed": 1}  # fmt: skip


def test_a_file_with_problems_is_never_saved(users):
    bad = [[BESUKI, "Besuki", 1000, 1200, SOURCE], [TERBIS, "Terbis", "-3", "", SOURCE]]
    report = load(users, table_csv(bad), confirm=False)
    assert [str(p) for p in report.problems] == [
        "Baris 2: Pekerja informal (1.200) lebih banyak dari jumlah pekerja (1.000).",
        "Baris 3: Jumlah pekerja tidak boleh negatif (tertulis '-3').",
    ]
    with pytest.raises(DenominatorError, match="2 masalah"):
        load(users, table_csv(bad))
    assert stored() == {}


def test_a_file_that_is_not_a_denominator_table_is_refused_with_the_reason(users):
    with pytest.raises(DenominatorError, match="Kolom jumlah pekerja tidak ditemukan"):
        load(users, table_csv([[BESUKI, "x"]], header=["Kode Desa", "Nama"]))


@pytest.mark.parametrize("who", ["pejabat", "bpjs", "operator_besuki", "pemantau", "admin"])
def test_only_verifiers_and_planners_of_the_regency_load_denominators(users, who):
    with pytest.raises(DenominatorError, match="tidak berwenang"):
        load(users, table_xlsx(FIRST), who=who)


def test_rows_may_be_given_without_a_file_and_the_form_source_fills_empty_cells(users):
    rows = [{"code": "3503012001", "workers": 10, "informal": 5, "source": ""}, {"code": TERBIS, "workers": "1.200"}]
    report = denominators_load(regency_code="35.03", year=YEAR, rows=rows, source="Survei desa 2026", confirm=True,
                               actor=None)  # fmt: skip
    assert report.saved and stored() == {BESUKI: (10, 5), TERBIS: (1200, None)}
    assert set(WorkforceDenominator.objects.values_list("source", flat=True)) == {"Survei desa 2026"}


def test_a_year_far_off_or_a_code_that_is_not_a_regency_is_refused(users):
    with pytest.raises(DenominatorError, match="Tahun 1990"):
        load(users, table_xlsx(FIRST), year=1990)
    with pytest.raises(DenominatorError, match="bukan kode kabupaten"):
        denominators_load(regency_code=PANGGUL, year=YEAR, rows=[], actor=None)


def test_denominators_of_any_region_come_from_one_query_resolving_mixed_levels(users, django_assert_num_queries):
    rows = [[PANGGUL, "Panggul", 9000, 7000, SOURCE], *FIRST]
    load(users, table_xlsx(rows))
    codes = [BESUKI, PANGGUL, TRENGGALEK_KEC, "35.03", "35", None, "35.03.02"]
    with django_assert_num_queries(1):
        informal = denominators_for(codes, YEAR, "informal_workers")
    assert informal == {BESUKI: 750, PANGGUL: 7000, TRENGGALEK_KEC: 400, "35.03": 7400, "35": 7400, None: 7400,
                        "35.03.02": None}  # fmt: skip
    with django_assert_num_queries(2):  # the regency's target names the basis
        assert denominators_for([PANGGUL, NGARES], YEAR) == {PANGGUL: 7000, NGARES: 400}
    assert denominators_for(["35.03"], YEAR, "workers") == {"35.03": 9500}


def test_a_year_without_figures_uses_the_latest_earlier_year(users):
    load(users, table_xlsx(FIRST), year=YEAR - 1)
    assert denominators_for(["35.03"], YEAR, "workers") == {"35.03": 2300}
    assert denominator_year("35.03", YEAR) == YEAR - 1
    assert denominators_for(["35.03"], YEAR - 2, "workers") == {"35.03": None}
    assert denominator_year("35.03", YEAR - 2) is None


def test_the_target_defaults_to_universal_coverage_of_informal_workers(users):
    target = target_for("35.03")
    assert (target.pk, target.target_percent, target.basis) == (None, 100, "informal_workers")


def test_the_planner_sets_the_target_audited_with_before_and_after(users):
    coverage_target_set(regency_code="35.03", target_percent="60,5", basis="workers", note="RPJMD 2025–2029",
                        actor=users["perencana"])  # fmt: skip
    target = CoverageTarget.objects.get()
    assert (str(target.target_percent), target.basis, target.updated_by) == ("60.5", "workers", users["perencana"])
    assert target_for("35.03").pk == target.pk
    event = AuditEvent.objects.get(action="monitoring.coverage_target_set")
    assert event.detail["before"] is None and event.detail["after"]["target_percent"] == "60.5"
    coverage_target_set(regency_code="35.03", target_percent=70, basis="workers", actor=users["perencana"])
    latest = AuditEvent.objects.filter(action="monitoring.coverage_target_set").order_by("pk").last()
    assert latest.detail["before"]["note"] == "RPJMD 2025–2029" and latest.detail["after"]["note"] == ""


@pytest.mark.parametrize(("percent", "basis", "message"), [
    ("0", "workers", "di antara 0,1% dan 100%"), ("101", "workers", "di antara"), ("banyak", "workers", "bukan persen"),
    ("50", "penduduk", "tidak dikenal"),
])  # fmt: skip
def test_a_target_out_of_range_or_an_unknown_basis_is_refused(users, percent, basis, message):
    with pytest.raises(DenominatorError, match=message):
        coverage_target_set(regency_code="35.03", target_percent=percent, basis=basis, actor=users["perencana"])


def test_the_verifier_may_load_but_not_set_the_target(users):
    with pytest.raises(DenominatorError, match="Hanya perencana"):
        coverage_target_set(regency_code="35.03", target_percent=50, basis="workers", actor=users["verifikator"])
