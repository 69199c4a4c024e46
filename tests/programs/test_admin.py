"""An admin keeps the rate table up to date; every change leaves an audit row."""

import pytest
from django.urls import reverse

from jaring.audit.models import AuditEvent
from jaring.programs.models import ContributionRate, Program

from ..conftest import PASSWORD

NEW_CEILING = {
    "segment": "pu",
    "component": "jp",
    "basis": "percent",
    "employer_rate": "2",
    "worker_rate": "1",
    "base_cap": "11600000",
    "valid_from": "2027-03-01",
    "regulation": "PP 45/2015 Pasal 29; surat BPJS (uji)",
    "note": "",
}


@pytest.fixture
def admin_client(client, users):
    client.login(username="admin", password=PASSWORD)
    return client


def test_rate_discount_and_program_lists_open(admin_client):
    for name in ("contributionrate", "contributiondiscount", "program"):
        assert admin_client.get(reverse(f"admin:programs_{name}_changelist")).status_code == 200
    assert b"PP 50/2025" in admin_client.get(reverse("admin:programs_contributiondiscount_changelist")).content


def test_an_admin_adds_next_years_jp_ceiling_and_it_is_audited(admin_client):
    response = admin_client.post(reverse("admin:programs_contributionrate_add"), NEW_CEILING)
    assert response.status_code == 302
    rate = ContributionRate.objects.get(valid_from="2027-03-01")
    event = AuditEvent.objects.get(action="programs.contributionrate_added")
    assert event.object_id == str(rate.pk) and event.detail["base_cap"] == "11600000"


def test_two_rates_starting_the_same_day_or_a_stray_risk_class_are_refused(admin_client):
    twin = NEW_CEILING | {"valid_from": "2026-03-01"}
    response = admin_client.post(reverse("admin:programs_contributionrate_add"), twin)
    assert response.status_code == 200 and b"mulai pada hari yang sama" in response.content
    stray = NEW_CEILING | {"risk_class": "2"}
    response = admin_client.post(reverse("admin:programs_contributionrate_add"), stray)
    assert response.status_code == 200 and b"kosongkan" in response.content
    assert not AuditEvent.objects.filter(action__startswith="programs.").exists()


def test_a_funding_source_added_on_the_program_page_is_audited(admin_client):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    form = {
        "code": program.code,
        "name": program.name,
        "year": "2026",
        "regency": "35.03",
        "category": "pekerja_rentan",
        "segment": "bpu",
        "start_month": "1",
        "months": "12",
        "declared_income": "1000000",
        "risk_class": "1",
        "sector": "non_transport",
        "eligibility": "{}",
        "priority": "{}",
        **management_form("sources", 1),
        **management_form("quotas", 0),
        "sources-0-kind": "apbd_kabupaten",
        "sources-0-name": "APBD 2026",
        "sources-0-amount": "2016000000",
        "sources-0-occupations": "[]",
        "sources-0-groups": "[]",
    }
    response = admin_client.post(reverse("admin:programs_program_change", args=[program.pk]), form)
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="programs.fundingsource_added").detail["amount"] == "2016000000"
    assert AuditEvent.objects.filter(action="programs.program_changed").exists()


def management_form(prefix: str, forms: int) -> dict:
    counts = {"TOTAL_FORMS": forms, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
    return {f"{prefix}-{key}": str(value) for key, value in counts.items()}


def test_a_misspelt_excluded_payer_is_refused_so_apbd_never_gets_a_discount_by_accident(admin_client):
    discount = {
        "name": "uji",
        "segment": "bpu",
        "components": '["jkk", "jkm"]',
        "percent": "50",
        "sector": "",
        "excluded_payers": '["APBD kabupaten"]',
        "valid_from": "2027-01-01",
        "valid_to": "2027-12-31",
        "regulation": "uji",
    }
    response = admin_client.post(reverse("admin:programs_contributiondiscount_add"), discount)
    assert response.status_code == 200 and b"apbd_kabupaten, apbd_provinsi" in response.content
    response = admin_client.post(
        reverse("admin:programs_contributiondiscount_add"), discount | {"excluded_payers": '["apbd_kabupaten"]'}
    )
    assert response.status_code == 302
