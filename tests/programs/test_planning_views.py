"""The planner's pages through Django's test client: who reads, who edits, and what a refused save looks like."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.programs.models import FundingSource, Program, Quota, Selection
from jaring.regions.models import Region

from ..conftest import BESUKI, PASSWORD, TERBIS

PANGGUL = BESUKI[:8]


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


@pytest.fixture
def as_user(client, users):
    def sign_in(key: str):
        assert client.login(username=users[key].username, password=PASSWORD)
        return client

    return sign_in


def url(name: str, program, *args) -> str:
    return reverse(f"programs:{name}", args=[program.code, *args])


def source_form(**values) -> dict:
    return {"kind": "apbd_kabupaten", "name": "", "amount": "", "village": "", "note": ""} | values


# --- reading ------------------------------------------------------------------------------------------------------


def test_program_page_shows_period_income_package_sources_with_restrictions_total_and_quotas(as_user, program):
    program.priority = {"decile": 10, "groups": {"lansia": 5}}
    program.include_jht = True
    program.save()
    FundingSource.objects.create(program=program, kind="apbd_kabupaten", name="APBD", amount=Decimal(2_016_000_000))
    FundingSource.objects.create(program=program, kind="apbdes", name="APBDes Besuki", amount=25_000_000,
                                 village_id=BESUKI)  # fmt: skip
    FundingSource.objects.create(program=program, kind="dbhcht", name="DBHCHT", amount=1_000_000,
                                 occupations=["petani_tembakau", "buruh_tembakau"])  # fmt: skip
    Quota.objects.create(program=program, kind="district", key=PANGGUL, maximum=300)
    Quota.objects.create(program=program, kind="village", key=BESUKI, minimum=5, maximum=100)
    page = as_user("perencana").get(url("detail", program))
    text = page.content.decode()
    assert page.context["period"] == "Januari–Desember 2026"
    assert page.context["package"] == "JKK + JKM + JHT"
    assert "Rp1.000.000" in text  # declared income
    assert "Rp2.016.000.000" in text and "Rp25.000.000" in text
    assert page.context["total"] == Decimal(2_042_000_000) and "Rp2.042.000.000" in text
    restrictions = {source.name: texts for source, texts in page.context["sources"]}
    assert "Desa Besuki" in restrictions["APBDes Besuki"][0]
    assert "petani tembakau, " in restrictions["DBHCHT"][0]  # then tobacco workers, once the catalog names them
    assert restrictions["APBD"] == []
    assert [weight for _label, weight in page.context["weights"]] == [10, 5]
    labels = [(line["label"], line["minimum"], line["maximum"]) for line in page.context["quotas"]]
    assert labels == [("Kecamatan Panggul", None, 300), ("Besuki (Panggul)", 5, 100)]
    assert 'data-testid="add-source"' in text and 'data-testid="selection"' in text


def test_a_period_past_december_and_a_single_month_read_as_periods():
    from jaring.programs.views.planning import period

    assert period(Program(year=2026, start_month=7, months=12)) == "Juli 2026–Juni 2027"
    assert period(Program(year=2026, start_month=3, months=1)) == "Maret 2026"


def test_program_list_shows_the_programs_of_the_users_regency_with_their_budget(as_user, program):
    Region.objects.create(code="35.04", name="Kabupaten Tulungagung", level=2, kind="kabupaten")
    Program.objects.create(code="lain", name="Program lain", year=2026, regency_id="35.04", category="pekerja_rentan")
    FundingSource.objects.create(program=program, kind="apbd_kabupaten", name="APBD", amount=2_016_000_000)
    page = as_user("pejabat").get(reverse("programs:list"))
    text = page.content.decode()
    assert [p.code for p, _period in page.context["rows"]] == ["pr-2026"]
    assert "Rp2.016.000.000" in text and 'href="/program/"' in text  # the menu item


@pytest.mark.parametrize("role", ["verifikator", "pejabat"])
def test_verifier_and_pejabat_read_the_plan_but_cannot_change_it(as_user, program, role):
    source = FundingSource.objects.create(program=program, kind="donasi", name="Donasi", amount=1000)
    client = as_user(role)
    page = client.get(url("detail", program))
    assert page.status_code == 200 and 'data-testid="add-source"' not in page.content.decode()
    for name, args in (("edit", []), ("source_add", []), ("source_edit", [source.pk]), ("quotas", [])):
        assert client.get(url(name, program, *args)).status_code == 403
        assert client.post(url(name, program, *args), {"months": 6}).status_code == 403
    assert client.post(url("source_delete", program, source.pk)).status_code == 403
    assert FundingSource.objects.filter(pk=source.pk).exists() and Program.objects.get().months == 12


@pytest.mark.parametrize("role", ["operator_besuki", "bpjs", "pemantau"])
def test_village_operator_and_others_are_refused(as_user, program, role):
    client = as_user(role)
    assert client.get(reverse("programs:list")).status_code == 403
    assert client.get(url("detail", program)).status_code == 403
    assert 'href="/program/"' not in client.get("/").content.decode()


def test_anonymous_is_sent_to_the_login_page(client, program):
    for target in (reverse("programs:list"), url("detail", program), url("source_add", program)):
        response = client.get(target)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_program_of_another_regency_is_not_found(as_user, trenggalek):
    Region.objects.create(code="35.04", name="Kabupaten Tulungagung", level=2, kind="kabupaten")
    other = Program.objects.create(code="lain", name="Lain", year=2026, regency_id="35.04", category="pekerja_rentan")
    client = as_user("perencana")
    assert client.get(url("detail", other)).status_code == 404
    assert client.post(url("source_add", other), source_form(amount="1000")).status_code == 404
    assert not FundingSource.objects.exists()


# --- planning -----------------------------------------------------------------------------------------------------


def test_planner_changes_the_settings_and_weights(as_user, program):
    client = as_user("perencana")
    form = client.get(url("edit", program)).context["form"]
    assert "risk_class" not in form.fields  # a BPU program: PU-only fields are not offered
    data = {"start_month": "2", "months": "11", "declared_income": "Rp 1.500.000", "include_jht": "on",
            "sector": "transport", "priority_decile": "10", "priority_age": "0", "priority_group_lansia": "5",
            "priority_occupation_petani_tembakau": "3"}  # fmt: skip
    response = client.post(url("edit", program), data)
    assert response.status_code == 302 and response["Location"] == url("detail", program)
    program.refresh_from_db()
    assert (program.start_month, program.months, program.declared_income) == (2, 11, 1_500_000)
    assert program.priority == {"decile": 10, "groups": {"lansia": 5}, "occupations": {"petani_tembakau": 3}}
    assert client.get(url("detail", program)).context["period"] == "Februari–Desember 2026"


def test_refused_settings_show_the_message_by_its_field_and_keep_what_was_typed(as_user, program):
    data = {"start_month": "1", "months": "13", "declared_income": "0", "sector": "non_transport",
            "priority_group_lansia": "101"}  # fmt: skip
    page = as_user("perencana").post(url("edit", program), data)
    text = page.content.decode()
    assert page.status_code == 200
    assert page.context["form"].errors["months"] == ["Jumlah bulan harus antara 1 dan 12."]
    assert page.context["form"].errors["priority_group_lansia"] == ["Bobot Lansia harus bilangan bulat 0 sampai 100."]
    assert 'data-testid="error-declared_income"' in text and "harus lebih dari Rp0" in text
    assert 'data-testid="form-errors"' in text and 'value="13"' in text
    assert Program.objects.get().months == 12


def test_planner_adds_an_apbdes_source_typed_with_dots_and_rp(as_user, program):
    client = as_user("perencana")
    data = source_form(kind="apbdes", amount="Rp 1.200.000.000", village=BESUKI, occupations=["petani"])
    response = client.post(url("source_add", program), data)
    assert response.status_code == 302
    source = FundingSource.objects.get()
    assert (source.amount, source.village_id, source.name) == (1_200_000_000, BESUKI, "APBDes Desa Besuki")
    assert source.occupations == ["petani"]
    assert AuditEvent.objects.filter(action="programs.funding_source_save").count() == 1


@pytest.mark.parametrize("typed", ["1.200.000.000", "1200000000", "Rp 1.200.000.000"])
def test_amounts_are_read_with_or_without_dots_and_rp(as_user, program, typed):
    as_user("perencana").post(url("source_add", program), source_form(amount=typed))
    assert FundingSource.objects.get().amount == 1_200_000_000


def test_a_negative_budget_shows_the_indonesian_message_and_saves_nothing(as_user, program):
    page = as_user("perencana").post(url("source_add", program), source_form(name="APBD 2026", amount="-5.000.000"))
    assert page.status_code == 200
    assert page.context["form"].errors["amount"] == ["Jumlah anggaran tidak boleh negatif."]
    assert 'value="-5.000.000"' in page.content.decode() and 'value="APBD 2026"' in page.content.decode()
    assert not FundingSource.objects.exists()


def test_an_unreadable_amount_is_refused_by_the_form(as_user, program):
    page = as_user("perencana").post(url("source_add", program), source_form(amount="1,2 juta rupiah"))
    assert page.status_code == 200 and "amount" in page.context["form"].errors
    assert not FundingSource.objects.exists()


def test_the_desa_list_offers_desa_but_not_kelurahan(as_user, program):
    choices = as_user("perencana").get(url("source_add", program)).context["form"].fields["village"].choices
    codes = [code for _group, options in choices[1:] for code, _name in options]
    assert BESUKI in codes and TERBIS in codes and not any(c.split(".")[3].startswith("1") for c in codes)


def test_planner_changes_and_deletes_a_source(as_user, program):
    source = FundingSource.objects.create(program=program, kind="donasi", name="Donasi", amount=1000)
    client = as_user("perencana")
    assert client.get(url("source_edit", program, source.pk)).context["form"]["amount"].value() == "1.000"
    client.post(url("source_edit", program, source.pk), source_form(kind="donasi", name="Donasi", amount="2.500"))
    source.refresh_from_db()
    assert source.amount == 2500
    response = client.post(url("source_delete", program, source.pk))
    assert response.status_code == 302 and not FundingSource.objects.exists()
    assert client.get(url("source_edit", program, 999)).status_code == 404


def test_same_maximum_for_every_desa_sets_each_village(as_user, program):
    client = as_user("perencana")
    page = client.get(url("quotas", program))
    assert len(page.context["places"]) == 14 + 157
    response = client.post(url("quotas", program), {"same_village_maximum": "100", f"min_district_{PANGGUL}": "3"})
    assert response.status_code == 302
    villages = Quota.objects.filter(program=program, kind="village")
    assert villages.count() == 157 and set(villages.values_list("maximum", flat=True)) == {100}
    assert Quota.objects.get(kind="district").minimum == 3
    lines = client.get(url("detail", program)).context["quotas"]
    assert (lines[1]["label"], lines[1]["maximum"], len(lines[1]["names"])) == ("Setiap desa/kelurahan (157)", 100, 157)


def test_a_refused_quota_table_names_the_problem_on_its_row_and_keeps_the_input(as_user, program):
    Quota.objects.create(program=program, kind="village", key=TERBIS, maximum=7)
    data = {f"max_district_{PANGGUL}": "10", f"min_village_{BESUKI}": "8", f"min_village_{TERBIS}": "5",
            f"max_village_{TERBIS}": "7", "min_group_lansia": "4", "max_group_lansia": "2"}  # fmt: skip
    page = as_user("perencana").post(url("quotas", program), data)
    assert page.status_code == 200
    rows = {row["key"]: row["errors"] for row in [*page.context["places"], *page.context["groups"]]}
    assert rows[PANGGUL] == ["Kecamatan Panggul: jumlah minimum desa/kelurahannya 13 melebihi maksimum kecamatan 10."]
    assert rows["lansia"] == ["Kuota kelompok Lansia: minimum 4 lebih besar dari maksimum 2."]
    assert 'value="8"' in page.content.decode()
    assert list(Quota.objects.values_list("key", "maximum")) == [(TERBIS, 7)]


def test_an_approved_selection_hides_the_edit_links_and_refuses_saves(as_user, program, users):
    Selection.objects.create(program=program, status="approved", computed_by=users["verifikator"],
                             computed_at=timezone.now())  # fmt: skip
    client = as_user("perencana")
    text = client.get(url("detail", program)).content.decode()
    assert 'data-testid="frozen"' in text and 'data-testid="add-source"' not in text
    page = client.post(url("source_add", program), source_form(amount="1000"))
    assert "anggaran dan kuota dibekukan" in page.content.decode() and not FundingSource.objects.exists()
