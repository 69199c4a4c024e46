"""The coverage pages over HTTP: the arrears list in the user's scope with masked NIKs and a filter, the check
run from the page, an end reported through the form, and the replacement draft refused without an ended
membership."""

import datetime as dt

import pytest
from django.urls import reverse

from jaring.audit.models import AuditEvent
from jaring.billing.services import invoices_issue
from jaring.enrollment.models import Membership

from .conftest import signed_in


@pytest.fixture
def in_arrears(program, memberships):
    """January billed and unpaid: every membership is a month in arrears once February's due day has passed."""
    invoices_issue(program=program, month=dt.date(2026, 1, 1), actor=None)
    return memberships


@pytest.fixture
def late(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 2, 20))


def url(name, **kwargs):
    return reverse(f"billing:{name}", kwargs={"code": "pr-2026", **kwargs})


def test_the_verifier_sees_every_membership_in_arrears_with_its_level_and_a_masked_nik(client, users, in_arrears,
                                                                                       late):  # fmt: skip
    page = signed_in(client, users["verifikator"]).get(url("arrears"))
    html = page.content.decode()
    assert page.status_code == 200
    assert all(f'data-testid="arrears-{m.pk}"' in html for m in in_arrears.values())
    nik = in_arrears["AGUS"].person.nik
    assert nik not in html and f"{nik[:4]}********{nik[-4:]}" in html
    assert 'data-testid="count-warning_1">4<' in html


def test_the_village_operator_sees_her_village_only_and_no_check_button(client, users, in_arrears, late):
    html = signed_in(client, users["operator_ngares"]).get(url("arrears")).content.decode()
    assert f'data-testid="arrears-{in_arrears["AGUS"].pk}"' in html
    assert f'data-testid="arrears-{in_arrears["PAIMAN"].pk}"' not in html
    assert 'data-testid="run-check"' not in html


def test_the_list_filters_by_desa_and_level(client, users, in_arrears, late):
    client = signed_in(client, users["bpjs"])
    html = client.get(url("arrears"), {"desa": "35.03.11.2001"}).content.decode()
    assert html.count('data-testid="arrears-') == 1
    html = client.get(url("arrears"), {"tingkat": "warning_2"}).content.decode()
    assert 'data-testid="no-arrears"' in html


def test_people_without_a_billing_role_get_no_page(client, users, in_arrears):
    assert signed_in(client, users["pemantau"]).get(url("arrears")).status_code == 404


def test_running_the_check_from_the_page_lapses_the_memberships(client, users, in_arrears, late):
    response = signed_in(client, users["verifikator"]).post(url("coverage_check"))
    assert response.status_code == 302
    assert set(Membership.objects.values_list("status", flat=True)) == {"lapsed"}


def test_the_operator_cannot_run_the_check(client, users, in_arrears, late):
    signed_in(client, users["operator_besuki"]).post(url("coverage_check"))
    assert set(Membership.objects.values_list("status", flat=True)) == {"active"}


def test_an_end_reported_through_the_form_ends_the_membership(client, users, in_arrears, late):
    agus = in_arrears["AGUS"]
    client = signed_in(client, users["operator_ngares"])
    form = client.get(url("membership_end", pk=agus.pk))
    assert form.status_code == 200 and 'data-testid="end-form"' in form.content.decode()
    data = {"cause": "moved_out", "occurred_on": "2026-02-03", "note": "surat pindah"}
    assert client.post(url("membership_end", pk=agus.pk), data).status_code == 302
    agus.refresh_from_db()
    assert (agus.status, agus.end) == ("ended", dt.date(2026, 2, 28))
    assert agus.status_reason == "Pindah keluar kabupaten 03-02-2026 (dilaporkan oleh op.ngares): surat pindah"


def test_an_operator_cannot_open_a_membership_of_another_village(client, users, in_arrears):
    response = signed_in(client, users["operator_besuki"]).get(url("membership_end", pk=in_arrears["AGUS"].pk))
    assert response.status_code == 404


def test_a_refused_end_shows_the_reason_on_the_form(client, users, in_arrears, late):
    data = {"cause": "death", "occurred_on": "2026-03-01"}
    response = signed_in(client, users["verifikator"]).post(url("membership_end", pk=in_arrears["AGUS"].pk), data)
    assert response.status_code == 200 and "tidak boleh setelah hari ini" in response.content.decode()


def test_drafting_replacements_without_an_ended_membership_says_why(client, users, in_arrears):
    response = signed_in(client, users["verifikator"]).post(url("replacements"), follow=True)
    assert "Tidak ada penerima yang kepesertaannya berakhir" in response.content.decode()


def test_a_member_not_in_arrears_is_found_by_name_to_report_an_end_and_the_search_is_audited(
    client, users, program, memberships
):
    signed_in(client, users["operator_besuki"])
    html = client.get("/tagihan/lapor/", follow=True).content.decode()  # her menu's entry
    assert 'data-testid="member-search"' in html and 'href="/tagihan/lapor/"' in html
    html = client.get("/tagihan/pr-2026/tunggakan/", {"cari": "SUTRIS"}).content.decode()
    assert 'data-testid="report-end-17010000001"' in html and "AGUS" not in html  # Agus lives in Ngares
    assert AuditEvent.objects.filter(action="billing.membership_search", detail__q="SUTRIS").exists()


def test_the_bpjs_membership_list_links_each_current_membership_to_report_its_end(client, users, program, memberships):
    signed_in(client, users["bpjs"])
    html = client.get("/bpjs/pr-2026/").content.decode()
    assert f'href="/tagihan/pr-2026/kepesertaan/{memberships["AGUS"].pk}/akhiri/"' in html
