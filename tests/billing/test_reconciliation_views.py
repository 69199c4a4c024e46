"""The "Rekonsiliasi BPJS" pages over HTTP: who may open them, upload → differences → save → resolve, the
reasons for a refused file on the form, another regency's program not found, NIK masked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.billing.models import Reconciliation, ReconciliationItem
from jaring.billing.reconciliation.compare import Kind
from jaring.programs.models import Program
from jaring.regions.services import regions_load

from .conftest import signed_in
from .test_reconciliation import EVERY_KIND, STRANGER, billed, row, status_file  # noqa: F401

BASE = "/tagihan/pr-2026/rekonsiliasi/"


def upload(client, data: bytes, name: str = "status.csv", **fields):
    return client.post(BASE + "periksa/", {"file": SimpleUploadedFile(name, data), **fields})


@pytest.mark.parametrize("role", ["operator_besuki", "perencana", "pejabat", "pemantau"])
def test_roles_without_a_part_in_billing_get_403(client, users, billed, role):  # noqa: F811
    signed_in(client, users[role])
    assert client.get(BASE).status_code == 403
    assert upload(client, status_file(EVERY_KIND)).status_code == 403
    assert not Reconciliation.objects.exists()


def test_another_regencys_program_is_not_found(client, users, billed):  # noqa: F811
    regions_load(prefix="35.04")
    Program.objects.create(code="pr-tag", name="Tulungagung", year=2026, regency_id="35.04", category="pekerja_rentan")
    signed_in(client, users["bpjs"])
    assert client.get("/tagihan/pr-tag/rekonsiliasi/").status_code == 404


def test_upload_shows_the_differences_then_save_then_resolve(client, users, billed, memberships):  # noqa: F811
    signed_in(client, users["bpjs"])
    response = upload(client, status_file(EVERY_KIND))
    reconciliation = Reconciliation.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}{reconciliation.pk}/"
    page = client.get(response.url).content.decode()
    assert 'data-testid="count-matched">1<' in page and 'data-testid="count-posted_not_paid">1<' in page
    assert "Kirim bukti bayar ke kantor cabang BPJS." in page and 'data-testid="save"' in page
    assert "WAGIYO" in page and memberships["WAGIYO"].person.nik in page  # BPJS officers see the NIK whole
    assert 'data-testid="resolve-form"' not in page  # only once saved

    client.post(f"{BASE}{reconciliation.pk}/simpan/")
    page = client.get(f"{BASE}{reconciliation.pk}/").content.decode()
    assert 'data-testid="save"' not in page and page.count('data-testid="resolve-form"') == 4

    item = ReconciliationItem.objects.get(kind=Kind.POSTED_NOT_PAID)
    client.post(f"{BASE}{reconciliation.pk}/selisih/{item.pk}/selesai/", {"note": "Bukti setor dikirim"})
    item.refresh_from_db()
    assert item.resolution_note == "Bukti setor dikirim" and item.resolved_by == users["bpjs"]
    page = client.get(f"{BASE}{reconciliation.pk}/?terbuka=1").content.decode()
    assert 'data-testid="difference-17010000003"' not in page and f'data-testid="difference-{STRANGER}"' in page


def test_the_list_shows_past_reconciliations(client, users, billed):  # noqa: F811
    signed_in(client, users["verifikator"])
    upload(client, status_file(EVERY_KIND), name="status-jan.csv")
    page = client.get(BASE).content.decode()
    assert "status-jan.csv" in page and 'data-testid="reconciliations"' in page


def test_a_refused_file_shows_the_reason_on_the_form_and_stores_nothing(client, users, billed):  # noqa: F811
    signed_in(client, users["bpjs"])
    page = upload(client, status_file([row(1, month="2026-02")]), month="2026-01").content.decode()
    assert "Berkas ini untuk Februari 2026, bukan Januari 2026" in page
    page = upload(client, status_file([row(1), ("1701", "X", "2026-01", 16800, 0)])).content.decode()
    assert "Baris 3: KPJ harus 11 angka; tertulis &#x27;1701&#x27;." in page
    assert not Reconciliation.objects.exists()


def test_the_same_file_saved_twice_is_refused_on_the_form(client, users, billed):  # noqa: F811
    signed_in(client, users["bpjs"])
    upload(client, status_file(EVERY_KIND))
    client.post(f"{BASE}{Reconciliation.objects.get().pk}/simpan/")
    page = upload(client, status_file(EVERY_KIND)).content.decode()
    assert "sudah pernah diimpor dan disimpan" in page and Reconciliation.objects.count() == 1


def test_cancel_drops_the_differences(client, users, billed):  # noqa: F811
    signed_in(client, users["bpjs"])
    upload(client, status_file(EVERY_KIND))
    reconciliation = Reconciliation.objects.get()
    response = client.post(f"{BASE}{reconciliation.pk}/batal/")
    assert response.url == BASE and not ReconciliationItem.objects.exists()
    assert client.get(f"{BASE}{reconciliation.pk}/").status_code == 404
