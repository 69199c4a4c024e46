"""The "Pendaftaran BPJS" pages over HTTP: who may open them, the upload → report → confirm flow, the PKS form,
and the membership list (scoped, filtered, paginated, NIK masked for roles that do not see it whole)."""

import dataclasses
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.accounts.roles import POLICIES, Role
from jaring.enrollment.lifecycle import ResultImportStatus
from jaring.enrollment.models import CooperationAgreement, Membership, ResultImport
from jaring.programs.models import Program
from jaring.regions.services import regions_load

from .conftest import accepted, nik_of, rejected, results_file, signed_in

PAGES = ["/bpjs/", "/bpjs/pr-2026/", "/bpjs/pr-2026/unduh.xlsx"]


@pytest.mark.parametrize("role", ["operator_besuki", "perencana", "pejabat", "pemantau"])
def test_roles_without_a_part_in_registration_get_403(client, users, program, decree, role):
    signed_in(client, users[role])
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    upload = SimpleUploadedFile("h.csv", results_file([]))
    assert client.post("/bpjs/pr-2026/hasil/", {"file": upload}).status_code == 403
    assert client.post("/bpjs/pr-2026/pks/", {"number": "x"}).status_code == 403
    assert not ResultImport.objects.exists() and not CooperationAgreement.objects.exists()


@pytest.mark.parametrize("role", ["verifikator", "bpjs"])
def test_verifiers_and_bpjs_officers_open_the_pages_and_the_menu_shows_them(client, users, program, decree, role):
    signed_in(client, users[role])
    home = client.get("/bpjs/").content.decode()
    assert 'href="/bpjs/"' in home and 'data-testid="program-pr-2026"' in home
    page = client.get("/bpjs/pr-2026/").content.decode()
    assert 'data-testid="count-to-register">4<' in page and decree.number in page


def test_the_program_page_links_to_registration_for_a_verifier_only(client, users, program, decree):
    signed_in(client, users["verifikator"])
    assert 'data-testid="bpjs-link"' in client.get("/program/pr-2026/").content.decode()
    client.logout()
    signed_in(client, users["perencana"])
    assert 'data-testid="bpjs-link"' not in client.get("/program/pr-2026/").content.decode()


def test_another_regencys_program_is_not_found(client, users, program, decree):
    regions_load(prefix="35.04")
    Program.objects.create(code="pr-tag", name="Tulungagung", year=2026, regency_id="35.04", category="pekerja_rentan")
    signed_in(client, users["bpjs"])
    assert client.get("/bpjs/pr-tag/").status_code == 404
    assert client.get("/bpjs/pr-tag/unduh.csv").status_code == 404


def test_upload_report_confirm(client, users, program, decree, candidates):
    signed_in(client, users["bpjs"])
    rows = [
        accepted(candidates["PAIMAN"], "17010000001"),
        rejected(candidates["AGUS"], "Peserta sudah terdaftar di segmen PU"),
    ]
    response = client.post("/bpjs/pr-2026/hasil/", {"file": SimpleUploadedFile("hasil.csv", results_file(rows))})
    staged = ResultImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bpjs/pr-2026/hasil/{staged.pk}/"
    report = client.get(response["Location"]).content.decode()
    assert 'data-testid="report-membership">1<' in report and 'data-testid="report-to_verifier">1<' in report
    assert "17010000001" in report and 'data-testid="apply"' in report
    assert not Membership.objects.exists()
    client.post(f"/bpjs/pr-2026/hasil/{staged.pk}/terapkan/")
    staged.refresh_from_db()
    assert staged.status == ResultImportStatus.APPLIED
    page = client.get("/bpjs/pr-2026/").content.decode()
    assert "17010000001" in page and 'data-testid="count-rejected">1<' in page


def test_a_report_with_errors_offers_no_confirmation_and_refuses_one(client, users, program, decree, candidates):
    signed_in(client, users["bpjs"])
    rows = [accepted(candidates["PAIMAN"], "123")]
    client.post("/bpjs/pr-2026/hasil/", {"file": SimpleUploadedFile("hasil.csv", results_file(rows))})
    staged = ResultImport.objects.get()
    report = client.get(f"/bpjs/pr-2026/hasil/{staged.pk}/").content.decode()
    assert 'data-testid="apply"' not in report and "KPJ harus 11 digit angka" in report
    response = client.post(f"/bpjs/pr-2026/hasil/{staged.pk}/terapkan/", follow=True)
    assert "bermasalah" in response.content.decode() and not Membership.objects.exists()
    client.post(f"/bpjs/pr-2026/hasil/{staged.pk}/batal/")
    staged.refresh_from_db()
    assert staged.status == ResultImportStatus.CANCELLED


def test_an_unreadable_upload_is_refused_on_the_page(client, users, program, decree):
    signed_in(client, users["bpjs"])
    upload = SimpleUploadedFile("hasil.csv", b"Nama;Alamat\nA;B\n")
    page = client.post("/bpjs/pr-2026/hasil/", {"file": upload}).content.decode()
    assert "Kolom NIK tidak ditemukan" in page and not ResultImport.objects.exists()


def test_the_verifier_records_the_pks_on_the_page(client, users, program, decree):
    signed_in(client, users["verifikator"])
    data = {"source": "", "number": "B/1/PKS/2025", "signed_on": "2025-12-15", "start": "2026-01-01", "note": ""}
    client.post("/bpjs/pr-2026/pks/", data)
    agreement = CooperationAgreement.objects.get()
    assert (agreement.number, agreement.start, agreement.source) == ("B/1/PKS/2025", dt.date(2026, 1, 1), None)
    page = client.post("/bpjs/pr-2026/pks/", data | {"start": "2025-12-01"}).content.decode()
    assert "tidak boleh sebelum PKS ditandatangani" in page
    assert 'data-testid="agreement-start">01-01-2026<' in client.get("/bpjs/pr-2026/").content.decode()


@pytest.fixture
def members(client, users, program, decree, candidates):
    signed_in(client, users["bpjs"])
    rows = [accepted(c, f"170100000{i:02d}") for i, c in enumerate(candidates.values())]
    client.post("/bpjs/pr-2026/hasil/", {"file": SimpleUploadedFile("hasil.csv", results_file(rows))})
    client.post(f"/bpjs/pr-2026/hasil/{ResultImport.objects.get().pk}/terapkan/")
    return Membership.objects.all()


def test_the_membership_list_filters_by_status_and_desa_and_shows_each_history(client, members, candidates):
    page = client.get("/bpjs/pr-2026/?desa=35.03.11.2001").content.decode()
    assert "AGUS" in page and "PAIMAN" not in page
    assert page.count('data-testid="history"') == 1 and "Diterima BPJS Ketenagakerjaan dengan KPJ" in page
    assert "PAIMAN" not in client.get("/bpjs/pr-2026/?status=ended").content.decode()


def test_the_membership_list_masks_the_nik_for_a_role_that_does_not_see_it_whole(
    client, members, candidates, monkeypatch
):
    monkeypatch.setitem(
        POLICIES, Role.PETUGAS_BPJS, dataclasses.replace(POLICIES[Role.PETUGAS_BPJS], sees_full_nik=False)
    )
    page = client.get("/bpjs/pr-2026/").content.decode()
    nik = nik_of(candidates["AGUS"])
    assert nik not in page and f"{nik[:4]}********{nik[-4:]}" in page


def test_the_membership_list_is_paginated(client, members, monkeypatch):
    from jaring.enrollment import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    page = client.get("/bpjs/pr-2026/?page=2").content.decode()
    assert page.count('data-testid="membership-status"') == 2 and "page=1" in page
