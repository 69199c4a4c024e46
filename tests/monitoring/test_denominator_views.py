"""The "Penyebut cakupan" page over HTTP: who may open it, upload → check → confirm, the template, the target."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.intake.reading import read_table
from jaring.monitoring.models import CoverageTarget, WorkforceDenominator

from ..billing.conftest import signed_in
from ..conftest import BESUKI, TERBIS
from .denominator_files import SOURCE, table_xlsx

BASE = "/pantau/penyebut/"
ROWS = [[BESUKI, "Besuki", 1000, 750, SOURCE], [TERBIS, "Terbis", 800, 600, SOURCE]]


def upload(client, data: bytes, year: int = 2026, **fields):
    return client.post(BASE + "periksa/", {"file": SimpleUploadedFile("penyebut.xlsx", data), "year": year, **fields})


@pytest.mark.parametrize("role", ["operator_besuki", "pejabat", "bpjs", "pemantau", "admin"])
def test_roles_without_a_part_in_denominators_get_403(client, users, role):
    signed_in(client, users[role])
    assert client.get(BASE).status_code == 403
    assert upload(client, table_xlsx(ROWS)).status_code == 403
    assert client.get(BASE + "templat.xlsx").status_code == 403


def test_the_verifier_checks_then_confirms_and_sees_the_rows(client, users):
    signed_in(client, users["verifikator"])
    response = upload(client, table_xlsx(ROWS))
    assert response.status_code == 200 and not WorkforceDenominator.objects.exists()
    html = response.content.decode()
    assert 'data-testid="count-added">2<' in html and 'data-testid="confirm"' in html
    sha = response.context["report"].sha256
    response = client.post(BASE + "simpan/", {"sha256": sha})
    assert response.status_code == 302 and response.url == BASE + "?tahun=2026"
    assert WorkforceDenominator.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "Penyebut tahun 2026 disimpan: 2 baru, 0 berubah, 0 dihapus." in page
    assert f'data-testid="row-{BESUKI}"' in page and "Besuki" in page and "1.000" in page and SOURCE in page


def test_a_file_with_problems_shows_them_and_offers_no_confirmation(client, users):
    signed_in(client, users["perencana"])
    response = upload(client, table_xlsx([[BESUKI, "Besuki", 100, 150, SOURCE]]))
    html = response.content.decode()
    assert "Baris 2: Pekerja informal (150) lebih banyak dari jumlah pekerja (100)." in html
    assert 'data-testid="confirm"' not in html
    assert client.post(BASE + "simpan/", {"sha256": response.context["report"].sha256}).status_code == 302
    assert not WorkforceDenominator.objects.exists()


def test_a_confirmation_for_another_file_than_the_one_waiting_saves_nothing(client, users):
    signed_in(client, users["verifikator"])
    upload(client, table_xlsx(ROWS))
    assert client.post(BASE + "simpan/", {"sha256": "0" * 64}).status_code == 302
    assert not WorkforceDenominator.objects.exists()


def test_a_refused_file_names_the_reason_on_the_form(client, users):
    signed_in(client, users["verifikator"])
    response = upload(client, b"Nama;Alamat\nBesuki;Panggul\n")
    assert "Kolom kode wilayah tidak ditemukan" in response.content.decode()


def test_the_template_lists_every_desa_of_the_regency_ready_to_fill(client, users):
    signed_in(client, users["verifikator"])
    response = client.get(BASE + "templat.xlsx?tahun=2026")
    assert response["Content-Disposition"] == 'attachment; filename="penyebut-35.03-2026.xlsx"'
    table = read_table(response.content, "t.xlsx")
    assert table.header == ["Kode Wilayah", "Kecamatan", "Desa/Kelurahan", "Jumlah Pekerja", "Pekerja Informal",
                            "Sumber"]  # fmt: skip
    assert len(table.rows) == 157 and table.rows[0][:3] == [BESUKI, "Panggul", "Besuki"]


def test_the_filled_template_uploads_as_it_is(client, users):
    signed_in(client, users["verifikator"])
    template = client.get(BASE + "templat.xlsx").content
    table = read_table(template, "t.xlsx")
    filled = [[*row[:3], 100, 70, ""] for row in table.rows[:5]] + [row for row in table.rows[5:]]
    response = upload(client, table_xlsx(filled, header=table.header), source=SOURCE)
    report = response.context["report"]
    assert (report.ok, len(report.rows), report.skipped) == (True, 5, 152)


def test_the_planner_sets_the_target_and_the_verifier_cannot(client, users):
    signed_in(client, users["verifikator"])
    assert 'data-testid="target-form"' not in client.get(BASE).content.decode()
    client.post(BASE + "target/", {"target_percent": "50", "basis": "workers"})
    assert not CoverageTarget.objects.exists()
    signed_in(client, users["perencana"])
    response = client.post(BASE + "target/?tahun=2025", {"target_percent": "62,5", "basis": "workers", "note": "RPJMD"})
    assert response.status_code == 302 and response.url == BASE + "?tahun=2025"
    assert str(CoverageTarget.objects.get().target_percent) == "62.5"
    assert 'data-testid="target-form"' in client.get(BASE).content.decode()


def test_a_file_over_the_limit_is_refused_naming_the_limit(client, users):
    signed_in(client, users["verifikator"])
    response = upload(client, b"x" * (5 * 1024 * 1024 + 10))
    assert "Berkas lebih dari 5 MB" in response.content.decode()
    assert not WorkforceDenominator.objects.exists()
