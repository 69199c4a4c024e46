"""The report page: a form per report the role may have; downloads scoped like the services (404 outside the
user's region, 403 for a report the role may not have)."""

import pytest
from django.urls import reverse

from ...conftest import BESUKI
from ..conftest import signed_in
from .helpers import xlsx_values

PAGE = reverse("monitoring:reports")
VILLAGE = reverse("monitoring:report_download", args=["desa"])
COVERAGE = reverse("monitoring:report_download", args=["cakupan"])
YEARLY = reverse("monitoring:report_download", args=["tahunan"])


@pytest.mark.parametrize(
    ("role", "forms"),
    [
        ("operator_besuki", {"report-desa", "report-cakupan"}),
        ("verifikator", {"report-desa", "report-cakupan", "report-tahunan"}),
        ("bpjs", {"report-desa", "report-cakupan"}),
        ("pemantau", {"report-cakupan"}),
    ],
)
def test_each_role_sees_the_forms_of_the_reports_it_may_have(client, users, billed, role, forms):
    content = signed_in(client, users[role]).get(PAGE).content.decode()
    shown = {name for name in ("report-desa", "report-cakupan", "report-tahunan") if f'data-testid="{name}"' in content}
    assert shown == forms


def test_the_operators_form_offers_her_desa_only(client, users, billed):
    content = signed_in(client, users["operator_besuki"]).get(PAGE).content.decode()
    assert f'value="{BESUKI}"' in content
    assert 'value="35.03.11.2001"' not in content


def test_the_village_operator_downloads_her_desas_list_as_pdf(client, users, billed):
    response = signed_in(client, users["operator_besuki"]).get(VILLAGE, {"desa": BESUKI, "program": "pr-2026"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="penerima-pr-2026-{BESUKI}.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_the_operator_of_another_desa_gets_404(client, users, billed):
    response = signed_in(client, users["operator_ngares"]).get(VILLAGE, {"desa": BESUKI, "program": "pr-2026"})
    assert response.status_code == 404


def test_a_monitor_is_refused_the_recipient_list_and_the_yearly_report(client, users, billed):
    client = signed_in(client, users["pemantau"])
    assert client.get(VILLAGE, {"desa": BESUKI, "program": "pr-2026"}).status_code == 403
    assert client.get(YEARLY, {"kabupaten": "35.03", "tahun": 2026}).status_code == 403


def test_the_verifier_downloads_the_yearly_report_as_xlsx(client, users, billed):
    response = signed_in(client, users["verifikator"]).get(
        YEARLY, {"kabupaten": "35.03", "tahun": 2026, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert ["LAPORAN TAHUNAN KEPADA BUPATI TRENGGALEK"] in xlsx_values(response.content)


def test_the_monitor_downloads_the_coverage_of_a_regency_with_small_counts_withheld(client, users, billed):
    response = signed_in(client, users["pemantau"]).get(COVERAGE, {"wilayah": "35.03", "tahun": 2026, "format": "xlsx"})
    rows = xlsx_values(response.content)
    assert ["Panggul", "35.03.01", "x", "x", 0] in rows  # 3 memberships, none in arrears in April


@pytest.mark.parametrize(
    "params",
    [
        {"wilayah": "35.04", "tahun": 2026},  # outside the regency
        {"wilayah": "35.03", "tahun": "dua ribu"},
        {"wilayah": "35.03", "tahun": 2026, "format": "docx"},
    ],
)
def test_a_bad_coverage_request_gets_404(client, users, billed, params):
    assert signed_in(client, users["verifikator"]).get(COVERAGE, params).status_code == 404


def test_an_unknown_report_is_not_found(client, users, billed):
    url = reverse("monitoring:report_download", args=["rahasia"])
    assert signed_in(client, users["verifikator"]).get(url).status_code == 404


def test_signing_in_is_required(client, billed):
    response = client.get(VILLAGE, {"desa": BESUKI, "program": "pr-2026"})
    assert response.status_code == 302
