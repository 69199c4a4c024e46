"""The "Donasi" pages over HTTP: who may open them, recording and voiding a donation through the forms, and the
public page, open without login, which shows totals and named donors but no worker and no anonymous donor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.donations.lifecycle import DonationStatus
from jaring.donations.models import Donation
from jaring.programs.models import Program
from jaring.regions.services import regions_load

from .conftest import DONOR_YEAR, give, signed_in


def form(source, **change):
    return {"source": source.pk, "donor_kind": "company", "donor_name": "PT Sumber Rejeki", "amount": "Rp126.000",
            "received_on": "2026-02-10", "reference": "TRF 1", "note": ""} | change  # fmt: skip


@pytest.mark.parametrize("role", ["operator_besuki", "bpjs", "pemantau"])
def test_roles_without_a_part_in_donations_get_403(client, users, donasi, role):
    signed_in(client, users[role])
    for url in ("/donasi/", "/donasi/pr-2026/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/donasi/pr-2026/catat/", form(donasi)).status_code == 403
    assert not Donation.objects.exists()


def test_someone_not_signed_in_is_sent_to_the_login_page(client, donasi):
    response = client.get("/donasi/pr-2026/")
    assert response.status_code == 302 and response.url.startswith("/akun/masuk/")


def test_the_official_reads_the_summary_but_has_no_form(client, users, donasi):
    give(donasi, DONOR_YEAR)
    signed_in(client, users["pejabat"])
    page = client.get("/donasi/pr-2026/").content.decode()
    assert 'data-testid="earmarked">12<' in page and 'data-testid="record-form"' not in page
    assert client.post("/donasi/pr-2026/catat/", form(donasi)).status_code == 403
    assert Donation.objects.count() == 1


@pytest.mark.parametrize("role", ["perencana", "verifikator"])
def test_a_planner_or_verifier_records_a_donation_and_sees_its_worker_months(client, users, decree, donasi, role):
    signed_in(client, users[role])
    assert 'data-testid="program-pr-2026"' in client.get("/donasi/").content.decode()
    receipt = SimpleUploadedFile("bukti.png", b"\x89PNG\r\n\x1a\n gambar")
    response = client.post("/donasi/pr-2026/catat/", form(donasi, amount="Rp3.024.000", receipt=receipt))
    assert response.status_code == 302 and response.url == "/donasi/pr-2026/"
    page = client.get("/donasi/pr-2026/").content.decode()
    summary = page.split(f'data-testid="summary-{donasi.pk}"')[1].split("</section>")[0]
    assert 'data-testid="received">Rp3.024.000<' in summary
    assert 'data-testid="earmarked">288<' in summary  # 24 workers × 12 months at the donor's rates
    assert 'data-testid="committed">24<' in summary and 'data-testid="free">264<' in summary
    assert Donation.objects.get().receipt_sha256


def test_a_refused_donation_shows_the_reason_and_saves_nothing(client, users, donasi):
    give(donasi, 1_000_000, reference="TRF 1")
    signed_in(client, users["perencana"])
    response = client.post("/donasi/pr-2026/catat/", form(donasi))
    assert response.status_code == 400
    assert "referensi bank TRF 1 sudah dicatat" in response.content.decode()
    assert Donation.objects.count() == 1


def test_only_donation_sources_are_offered_in_the_form(client, users, program, donasi):
    signed_in(client, users["perencana"])
    apbd = program.sources.get(kind="apbd_kabupaten")
    response = client.post("/donasi/pr-2026/catat/", form(apbd))
    assert response.status_code == 400 and not Donation.objects.exists()
    page = client.get("/donasi/pr-2026/").content.decode()
    assert f'value="{donasi.pk}"' in page and f'value="{apbd.pk}"' not in page


def test_a_program_without_donation_source_says_so(client, users, program):
    signed_in(client, users["perencana"])
    page = client.get("/donasi/pr-2026/").content.decode()
    assert 'data-testid="no-source"' in page and 'data-testid="record-form"' not in page


def test_a_verifier_voids_a_mistaken_donation_with_a_reason(client, users, donasi):
    wrong = give(donasi, 5_000_000)
    signed_in(client, users["verifikator"])
    assert client.post(f"/donasi/pr-2026/{wrong.pk}/batal/", {"reason": ""}).status_code == 302
    wrong.refresh_from_db()
    assert wrong.status == DonationStatus.RECEIVED
    client.post(f"/donasi/pr-2026/{wrong.pk}/batal/", {"reason": "Salah sumber dana"})
    wrong.refresh_from_db()
    donasi.refresh_from_db()
    assert (wrong.status, wrong.void_reason, donasi.amount) == (DonationStatus.VOID, "Salah sumber dana", 0)
    page = client.get("/donasi/pr-2026/").content.decode()
    assert "Salah sumber dana" in page and 'data-testid="received">Rp0<' in page


def test_a_void_the_decree_cannot_afford_is_refused_with_the_reason(client, users, decree, donasi):
    donation = give(donasi, 2 * DONOR_YEAR)
    signed_in(client, users["perencana"])
    response = client.post(f"/donasi/pr-2026/{donation.pk}/batal/", {"reason": "Salah"}, follow=True)
    assert "yang sudah dipakai penerima pada SK yang berlaku" in response.content.decode()
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED


def test_another_regencys_program_and_its_donations_are_not_found(client, users, donasi):
    regions_load(prefix="35.04")
    other = Program.objects.create(code="pr-tag", name="Tulungagung", year=2026, regency_id="35.04",
                                   category="pekerja_rentan")  # fmt: skip
    theirs = give(other.sources.create(kind="donasi", name="Donasi", amount=0), 1_000_000)
    signed_in(client, users["perencana"])
    assert client.get("/donasi/pr-tag/").status_code == 404
    assert client.post(f"/donasi/pr-2026/{theirs.pk}/batal/", {"reason": "x"}).status_code == 404
    assert client.post(f"/donasi/pr-tag/{theirs.pk}/batal/", {"reason": "x"}).status_code == 404


def test_the_public_page_needs_no_login_and_shows_totals_and_named_donors_only(client, decree, candidates, donasi):
    give(donasi, 2 * DONOR_YEAR, donor="PT Sumber Rejeki")
    give(donasi, 50_400, donor="Pak Haji Salim", anonymous=True)
    response = client.get("/donasi/publik/pr-2026/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="public-received">Rp302.400<' in page
    assert 'data-testid="public-worker-months">27<' in page and 'data-testid="public-workers">2<' in page
    assert "PT Sumber Rejeki" in page and "Hamba Allah (donatur anonim)" in page
    assert "Pak Haji Salim" not in page
    for candidate in candidates.values():
        assert candidate.person.full_name not in page and candidate.person.nik not in page


def test_the_public_page_of_a_program_without_donations_is_not_found(client, program):
    assert client.get("/donasi/publik/pr-2026/").status_code == 404
    assert client.get("/donasi/publik/tidak-ada/").status_code == 404
