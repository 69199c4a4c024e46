"""The planner's writes: program settings, funding sources and quotas; each checked whole, saved whole, audited,
and frozen once a selection is approved."""

from decimal import Decimal

import pytest
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.intake.models import Candidate
from jaring.programs.models import FundingSource, Program, Quota, Selection, SelectionEntry
from jaring.programs.services.planning import (
    FROZEN,
    PlanningRefused,
    funding_source_delete,
    funding_source_save,
    program_update,
    quota_problems,
    quotas_replace,
)
from jaring.regions.models import Region

from ..conftest import BESUKI, NGARES, TERBIS, make_person

PANGGUL, TRENGGALEK_KEC = BESUKI[:8], NGARES[:8]
SURODAKAN = "35.03.11.1006"  # a kelurahan in Kec. Trenggalek


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


@pytest.fixture
def planner(users):
    return users["perencana"]


def refusal(call, **kwargs) -> PlanningRefused:
    with pytest.raises(PlanningRefused) as caught:
        call(**kwargs)
    return caught.value


def audits(action: str):
    return AuditEvent.objects.filter(action=f"programs.{action}")


def approve_a_selection(program, user) -> Selection:
    return Selection.objects.create(program=program, status="approved", computed_by=user, computed_at=timezone.now())


# --- program settings ---------------------------------------------------------------------------------------------


def test_planner_changes_period_income_package_and_weights_with_one_audit_row(program, planner):
    data = {
        "start_month": "3",
        "months": 10,
        "declared_income": Decimal("1500000"),
        "include_jht": True,
        "sector": "transport",
        "priority": {"decile": 10, "carry_over": 0, "age": None, "groups": {"lansia": 5, "disabilitas": 0},
                     "occupations": {"petani_tembakau": 3}},
    }  # fmt: skip
    program_update(program=program, data=data, actor=planner)
    program.refresh_from_db()
    assert (program.start_month, program.months, program.declared_income) == (3, 10, Decimal("1500000"))
    assert program.include_jht and program.sector == "transport"
    assert program.priority == {"decile": 10, "groups": {"lansia": 5}, "occupations": {"petani_tembakau": 3}}
    event = audits("program_update").get()
    assert event.actor == planner and event.region_code == "35.03"
    assert event.detail["changed"]["months"] == [12, 10]
    assert event.detail["changed"]["declared_income"] == ["1000000", "1500000"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"months": 0}, "months", "Jumlah bulan harus antara 1 dan 12."),
        ({"months": 13}, "months", "Jumlah bulan harus antara 1 dan 12."),
        ({"start_month": 0}, "start_month", "Bulan mulai harus antara 1 dan 12."),
        ({"start_month": "13"}, "start_month", "Bulan mulai harus antara 1 dan 12."),
        ({"declared_income": 0}, "declared_income", "Penghasilan yang dilaporkan harus lebih dari Rp0."),
        ({"declared_income": -1_000_000}, "declared_income", "Penghasilan yang dilaporkan harus lebih dari Rp0."),
        ({"declared_income": 10**12}, "declared_income", "tidak masuk akal"),
        ({"include_jp": True}, "include_jp", "JP hanya untuk peserta penerima upah (PU)."),
        ({"risk_class": 6}, "risk_class", "Kelas risiko JKK harus antara 1 dan 5."),
        ({"sector": "pertambangan"}, "sector", "Pilih sektor"),
        ({"priority": {"decile": 101}}, "priority_decile", "Bobot desil harus bilangan bulat 0 sampai 100."),
        ({"priority": {"groups": {"lansia": -1}}}, "priority_group_lansia", "Bobot Lansia harus bilangan bulat"),
        ({"priority": {"occupations": {"astronot": 5}}}, "priority", "Pekerjaan tidak dikenal: astronot."),
    ],
)
def test_program_settings_out_of_range_are_refused_with_their_message(program, planner, data, field, message):
    exc = refusal(program_update, program=program, data=data, actor=planner)
    assert any(message in text for text in exc.errors[field])
    assert Program.objects.get(pk=program.pk).months == 12 and not audits("program_update").exists()


def test_a_period_past_december_is_refused_because_budgets_are_yearly(program, planner):
    exc = refusal(program_update, program=program, data={"start_month": 7, "months": 12}, actor=planner)
    assert "melewati Desember" in exc.errors["months"][0] and "6 bulan" in exc.errors["months"][0]


def test_every_problem_is_reported_at_once_and_nothing_is_saved(program, planner):
    data = {"start_month": 14, "months": 0, "declared_income": 0, "include_jht": True}
    exc = refusal(program_update, program=program, data=data, actor=planner)
    assert set(exc.errors) == {"start_month", "months", "declared_income"}
    assert not Program.objects.get(pk=program.pk).include_jht


def test_wage_earner_program_takes_jp_risk_class_and_worker_share(program, planner):
    program.segment, program.category = "pu", "perangkat_desa"
    program.save()
    data = {"include_jp": True, "risk_class": 3, "pays_worker_share": True}
    program_update(program=program, data=data, actor=planner)
    program.refresh_from_db()
    assert program.include_jp and program.risk_class == 3 and program.pays_worker_share


@pytest.mark.parametrize("role", ["verifikator", "pejabat", "operator_besuki"])
def test_only_a_planner_changes_a_program(program, users, role):
    exc = refusal(program_update, program=program, data={"months": 6}, actor=users[role])
    assert "tidak berwenang" in str(exc)


# --- funding sources ----------------------------------------------------------------------------------------------


def test_apbdes_pays_for_its_own_desa_and_is_named_after_it(program, planner):
    data = {"kind": "apbdes", "amount": Decimal(25_000_000), "village": BESUKI}
    source = funding_source_save(program=program, data=data, actor=planner)
    assert source.village_id == BESUKI and source.name == "APBDes Desa Besuki"
    event = audits("funding_source_save").get()
    assert event.detail["created"]["amount"] == "25000000" and event.object_id == str(source.pk)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "apbdes", "amount": 1000}, "village", "APBDes harus menyebut desanya"),
        ({"kind": "apbdes", "amount": 1000, "village": "35.04.01.2001"}, "village", "bukan desa di Kabupaten"),
        ({"kind": "apbdes", "amount": 1000, "village": PANGGUL}, "village", "bukan desa di Kabupaten Trenggalek"),
        ({"kind": "apbdes", "amount": 1000, "village": SURODAKAN}, "village", "tidak memiliki APBDes"),
        ({"kind": "apbd_kabupaten", "amount": 1000, "village": BESUKI}, "village", "Hanya APBDes"),
        ({"kind": "apbd_kabupaten", "amount": -5_000_000}, "amount", "Jumlah anggaran tidak boleh negatif."),
        ({"kind": "apbd_kabupaten", "amount": Decimal("10000000000001")}, "amount", "tidak masuk akal"),
        ({"kind": "apbd_kabupaten", "amount": Decimal("1000.5")}, "amount", "rupiah penuh"),
        ({"kind": "apbd_kabupaten", "amount": None}, "amount", "Tulis jumlah anggaran"),
        ({"kind": "", "amount": 1000}, "kind", "Pilih jenis sumber dana."),
        ({"kind": "donasi", "amount": 1000, "groups": ["janda"]}, "groups", "Kelompok tidak dikenal: janda."),
    ],
)
def test_a_bad_funding_source_is_refused_and_nothing_saved(program, planner, data, field, message):
    Region.objects.create(code="35.04.01.2001", name="Desa Lain", level=4, kind="desa")
    exc = refusal(funding_source_save, program=program, data=data, actor=planner)
    assert any(message in text for text in exc.errors[field]), exc.errors
    assert not FundingSource.objects.exists() and not audits("funding_source_save").exists()


def test_the_ceiling_names_both_amounts(program, planner):
    data = {"kind": "apbd_kabupaten", "amount": Decimal("12000000000000")}
    exc = refusal(funding_source_save, program=program, data=data, actor=planner)
    assert exc.errors["amount"] == [
        "Jumlah anggaran Rp12.000.000.000.000 tidak masuk akal (lebih dari Rp10.000.000.000.000); "
        "periksa jumlah angka nolnya."
    ]


def test_dbhcht_pays_for_tobacco_farmers_and_workers_unless_told_otherwise(program, planner):
    source = funding_source_save(program=program, data={"kind": "dbhcht", "amount": 1000}, actor=planner)
    assert source.occupations == ["petani_tembakau", "buruh_tembakau"] and source.name == "DBHCHT"
    data = {"kind": "dbhcht", "name": "DBHCHT buruh", "amount": 1000, "occupations": ["buruh_tembakau"]}
    assert funding_source_save(program=program, data=data, actor=planner).occupations == ["buruh_tembakau"]


def test_two_sources_of_one_program_cannot_share_a_name(program, planner):
    funding_source_save(program=program, data={"kind": "apbd_kabupaten", "amount": 1000}, actor=planner)
    exc = refusal(funding_source_save, program=program, data={"kind": "apbd_kabupaten", "amount": 5}, actor=planner)
    assert "sudah ada" in exc.errors["name"][0]


def test_changing_a_source_audits_what_changed(program, planner):
    source = funding_source_save(program=program, data={"kind": "apbd_kabupaten", "amount": 1000}, actor=planner)
    data = {"kind": "apbd_kabupaten", "name": "APBD Kabupaten", "amount": 2000, "groups": ["lansia"]}
    funding_source_save(program=program, source=source, data=data, actor=planner)
    source.refresh_from_db()
    assert source.amount == 2000 and source.groups == ["lansia"]
    changed = audits("funding_source_save").order_by("-pk").first().detail["changed"]
    assert changed == {"amount": ["1000", "2000"], "groups": [[], ["lansia"]]}


def test_deleting_a_source_leaves_an_audit_row_with_what_it_was(program, planner):
    source = funding_source_save(program=program, data={"kind": "donasi", "amount": 7000}, actor=planner)
    funding_source_delete(source=source, actor=planner)
    assert not FundingSource.objects.exists()
    assert audits("funding_source_delete").get().detail["deleted"]["amount"] == "7000"


def test_a_source_a_selection_used_stays_on_record(program, planner, users):
    source = funding_source_save(program=program, data={"kind": "donasi", "amount": 7000}, actor=planner)
    person = make_person(BESUKI, "SUTRISNO")
    candidate = Candidate(program=program, person=person, source="usulan")
    candidate.set_village(BESUKI)
    candidate.save()
    selection = Selection.objects.create(program=program, computed_by=users["verifikator"], computed_at=timezone.now())
    entry = SelectionEntry(selection=selection, candidate=candidate, person=person, outcome="selected", source=source,
                           reason="selected")  # fmt: skip
    entry.set_village(BESUKI)
    entry.save()
    exc = refusal(funding_source_delete, source=source, actor=planner)
    assert "Rp0" in str(exc) and FundingSource.objects.filter(pk=source.pk).exists()


# --- quotas -------------------------------------------------------------------------------------------------------


def quota(kind, key, minimum=None, maximum=None) -> dict:
    return {"kind": kind, "key": key, "minimum": minimum, "maximum": maximum}


def test_quotas_replace_the_old_ones_and_empty_rows_mean_no_quota(program, planner):
    Quota.objects.create(program=program, kind="village", key=TERBIS, maximum=5)
    rows = [quota("village", BESUKI, 2, 100), quota("village", TERBIS), quota("district", PANGGUL, maximum=300),
            quota("group", "disabilitas", minimum=10)]  # fmt: skip
    quotas_replace(program=program, rows=rows, actor=planner)
    saved = {(q.kind, q.key): (q.minimum, q.maximum) for q in Quota.objects.filter(program=program)}
    expected = {("village", BESUKI): (2, 100), ("district", PANGGUL): (0, 300), ("group", "disabilitas"): (10, None)}
    assert saved == expected
    detail = audits("quotas_replace").get().detail
    assert detail["removed"] == [f"village:{TERBIS}"] and detail["count"] == 3
    assert detail["set"][f"village:{BESUKI}"] == [2, 100]


def test_one_bad_row_saves_nothing(program, planner):
    Quota.objects.create(program=program, kind="village", key=TERBIS, maximum=5)
    rows = [quota("village", BESUKI, maximum=100), quota("village", NGARES, minimum=50, maximum=10)]
    exc = refusal(quotas_replace, program=program, rows=rows, actor=planner)
    assert exc.errors == {f"village:{NGARES}": ["Kuota Desa Ngares: minimum 50 lebih besar dari maksimum 10."]}
    assert list(Quota.objects.values_list("key", "maximum")) == [(TERBIS, 5)]
    assert not audits("quotas_replace").exists()


def test_village_minimums_above_their_kecamatan_maximum_name_the_kecamatan_and_both_figures(program, planner):
    rows = [quota("district", PANGGUL, maximum=100), quota("village", BESUKI, 60), quota("village", TERBIS, 50)]
    exc = refusal(quotas_replace, program=program, rows=rows, actor=planner)
    assert exc.errors[f"district:{PANGGUL}"] == [
        "Kecamatan Panggul: jumlah minimum desa/kelurahannya 110 melebihi maksimum kecamatan 100."
    ]


def test_a_kecamatan_minimum_its_villages_cannot_reach_is_refused(program, planner):
    villages = Region.objects.filter(parent_id=PANGGUL).values_list("code", flat=True)
    rows = [quota("district", PANGGUL, minimum=1000), *(quota("village", code, maximum=10) for code in villages)]
    exc = refusal(quotas_replace, program=program, rows=rows, actor=planner)
    assert exc.errors[f"district:{PANGGUL}"] == [
        f"Kecamatan Panggul: minimum 1000 tidak bisa tercapai; jumlah maksimum desa/kelurahannya hanya "
        f"{10 * len(villages)}."
    ]
    rows[1] = quota("village", villages[0])  # one village without a maximum: the minimum may still be met
    quotas_replace(program=program, rows=rows, actor=planner)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (quota("village", "35.04.01.2001", maximum=5), "35.04.01.2001 bukan desa/kelurahan di kabupaten program ini."),
        (quota("village", PANGGUL, maximum=5), f"{PANGGUL} bukan desa/kelurahan di kabupaten program ini."),
        (quota("district", BESUKI, maximum=5), f"{BESUKI} bukan kecamatan di kabupaten program ini."),
        (quota("group", "janda", maximum=5), "Kelompok janda tidak dikenal."),
        (quota("region", PANGGUL, maximum=5), "Jenis kuota tidak dikenal: region."),
        (quota("village", BESUKI, minimum=-1), "Kuota Desa Besuki: minimum dan maksimum tidak boleh negatif."),
        (quota("group", "lansia", 5, 2), "Kuota kelompok Lansia: minimum 5 lebih besar dari maksimum 2."),
        (quota("district", PANGGUL, "x"), "Kuota Kecamatan Panggul: minimum dan maksimum harus bilangan bulat."),
    ],
)
def test_a_quota_of_an_unknown_place_or_group_or_an_impossible_range_is_refused(program, planner, row, message):
    exc = refusal(quotas_replace, program=program, rows=[row], actor=planner)
    assert str(exc) == message and not Quota.objects.exists()


def test_quota_problems_lists_every_problem_for_the_allocation_to_reuse():
    regions = {PANGGUL: "Panggul", BESUKI: "Besuki", TERBIS: "Terbis"}
    rows = [quota("district", PANGGUL, maximum=5), quota("village", BESUKI, 1), quota("village", BESUKI, 2),
            quota("village", TERBIS, 6), quota("group", "lansia", 2, 1)]  # fmt: skip
    assert quota_problems(rows, regions) == [
        "Kuota Desa Besuki tertulis lebih dari sekali.",
        "Kuota Desa Besuki tertulis lebih dari sekali.",
        "Kuota kelompok Lansia: minimum 2 lebih besar dari maksimum 1.",
        "Kecamatan Panggul: jumlah minimum desa/kelurahannya 6 melebihi maksimum kecamatan 5.",
    ]
    assert quota_problems([quota("village", BESUKI, 1, 2), quota("district", PANGGUL, 1)], regions) == []


# --- frozen after approval ----------------------------------------------------------------------------------------


def test_an_approved_selection_freezes_settings_sources_and_quotas(program, planner, users):
    source = funding_source_save(program=program, data={"kind": "donasi", "amount": 7000}, actor=planner)
    approve_a_selection(program, users["pejabat"])
    calls = [
        (program_update, {"program": program, "data": {"months": 6}}),
        (funding_source_save, {"program": program, "data": {"kind": "donasi", "name": "Lain", "amount": 1}}),
        (funding_source_save, {"program": program, "source": source, "data": {"kind": "donasi", "amount": 1}}),
        (funding_source_delete, {"source": source}),
        (quotas_replace, {"program": program, "rows": [quota("village", BESUKI, maximum=5)]}),
    ]
    for call, kwargs in calls:
        assert str(refusal(call, actor=planner, **kwargs)) == FROZEN
    assert FundingSource.objects.get().amount == 7000 and not Quota.objects.exists()
    assert Program.objects.get(pk=program.pk).months == 12
    assert AuditEvent.objects.filter(action__startswith="programs.").count() == 1  # the source's creation only
