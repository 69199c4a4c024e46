"""The decree pages over HTTP: who may open them and act, what the pejabat and the verifier see and do."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.decrees.lifecycle import DecreeStatus, RecipientChange
from jaring.decrees.models import Decree
from jaring.decrees.services import decree_draft, decree_finalize

from ..conftest import PASSWORD
from .conftest import scan, today


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("role", ["operator_besuki", "pemantau", "admin"])
def test_roles_outside_the_regency_office_cannot_open_decrees(client, users, approved, role):
    signed_in(client, users[role])
    assert client.get("/sk/pr-2026/").status_code in (403, 404)
    assert client.post("/sk/pr-2026/susun/").status_code in (403, 404)
    assert not Decree.objects.exists()


def test_the_verifier_drafts_the_decree_and_sees_its_list_with_full_niks(client, users, approved):
    signed_in(client, users["verifikator"])
    page = client.get("/sk/pr-2026/")
    assert b'data-testid="draft-decree"' in page.content
    response = client.post("/sk/pr-2026/susun/", follow=True)
    decree = Decree.objects.get()
    assert response.redirect_chain[-1][0] == f"/sk/pr-2026/{decree.pk}/"
    body = response.content.decode()
    assert body.count('data-testid="recipient"') == 4
    assert decree.recipients.first().person.nik in body
    assert 'data-testid="finalize-form"' not in body  # the verifier drafts, the pejabat makes final


def test_the_planner_sees_the_decree_but_not_the_full_annex(client, users, approved, program):
    decree = decree_draft(program=program, actor=users["verifikator"])
    signed_in(client, users["perencana"])
    body = client.get(f"/sk/pr-2026/{decree.pk}/").content.decode()
    nik = decree.recipients.first().person.nik
    assert nik not in body and nik[-4:] in body
    assert client.get(f"/sk/pr-2026/{decree.pk}/unduh/xlsx/").status_code == 403
    assert 'data-testid="draft-decree"' not in client.get("/sk/pr-2026/").content.decode()


def test_the_pejabat_makes_the_decree_final_with_number_date_and_scan(client, users, approved, program):
    decree = decree_draft(program=program, actor=users["verifikator"])
    signed_in(client, users["pejabat"])
    response = client.post(
        f"/sk/pr-2026/{decree.pk}/tetapkan/",
        {"number": "188.45/27/406.004/2026", "signed_on": today().isoformat(), "scan": scan()},
        follow=True,
    )
    decree.refresh_from_db()
    assert decree.status == DecreeStatus.FINAL and decree.number == "188.45/27/406.004/2026"
    body = response.content.decode()
    assert 'data-testid="signed-scan"' in body and 'data-testid="finalize-form"' not in body
    scan_response = client.get(f"/sk/pr-2026/{decree.pk}/pindaian/")
    assert b"".join(scan_response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="decree.scan_opened").exists()


def test_a_refused_finalisation_says_why_and_keeps_the_draft(client, users, approved, program):
    decree = decree_draft(program=program, actor=users["verifikator"])
    signed_in(client, users["pejabat"])
    future = (today() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        f"/sk/pr-2026/{decree.pk}/tetapkan/", {"number": "1/2026", "signed_on": future, "scan": scan()}, follow=True
    )
    assert "tidak boleh setelah hari ini" in response.content.decode()
    decree.refresh_from_db()
    assert decree.status == DecreeStatus.DRAFT


def test_the_verifier_amends_a_final_decree_and_the_chain_shows_it(client, users, approved, program):
    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="27/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])
    gone = decree.recipients.order_by("row").first()
    signed_in(client, users["verifikator"])
    assert client.get(f"/sk/pr-2026/{decree.pk}/perubahan/").status_code == 200
    response = client.post(
        f"/sk/pr-2026/{decree.pk}/perubahan/",
        {
            "effective_from": "2026-07",
            "reason": "Penerima meninggal dunia",
            "remove": [str(gone.person_id)],
            f"reason_{gone.person_id}": "Meninggal dunia 3 Juni 2026",
        },
        follow=True,
    )
    amendment = Decree.objects.get(amends=decree)
    assert response.redirect_chain[-1][0] == f"/sk/pr-2026/{amendment.pk}/"
    body = response.content.decode()
    assert "Pengganti dari daftar tunggu (urutan 1)" in body
    assert amendment.recipients.filter(change=RecipientChange.REMOVED, person_id=gone.person_id).exists()
    chain = client.get("/sk/pr-2026/").content.decode()
    assert chain.count('data-testid="chain-row"') == 2 and "27/2026" in chain


def test_an_amendment_without_a_reason_per_person_is_refused_with_the_name(client, users, approved, program):
    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="27/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])
    gone = decree.recipients.select_related("person").order_by("row").first()
    signed_in(client, users["verifikator"])
    response = client.post(
        f"/sk/pr-2026/{decree.pk}/perubahan/",
        {"effective_from": "2026-07", "reason": "Meninggal", "remove": [str(gone.person_id)]},
    )
    assert f"Tulis alasan {gone.person.full_name} dikeluarkan" in response.content.decode()
    assert not Decree.objects.filter(amends=decree).exists()


def test_the_documents_download_with_the_decree_and_the_annex_in_them(client, users, approved, program, tmp_path):
    import io

    import docx
    import fastexcel

    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="27/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])
    signed_in(client, users["verifikator"])
    word = client.get(f"/sk/pr-2026/{decree.pk}/unduh/docx/")
    assert word["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "27/2026" in text and "Rp806.400,00 (delapan ratus enam ribu empat ratus rupiah)" in text
    assert "Undang-Undang Nomor 40 Tahun 2004" in text

    niks = {r.person.nik for r in decree.recipients.select_related("person")}
    for public in (False, True):
        response = client.get(f"/sk/pr-2026/{decree.pk}/unduh/xlsx/" + ("?publik=1" if public else ""))
        path = tmp_path / f"annex-{public}.xlsx"
        path.write_bytes(response.content)
        cells = {str(v) for row in fastexcel.read_excel(path).load_sheet(0, header_row=None).to_polars().rows()
                 for v in row}  # fmt: skip
        assert (niks <= cells) is not public
        assert any(nik[:4] + "*" * 8 + nik[-4:] in cells for nik in niks) is public
    pdf = client.get(f"/sk/pr-2026/{decree.pk}/unduh/pdf/?publik=1")
    assert pdf.content.startswith(b"%PDF-") and pdf["Content-Disposition"].endswith('-publik.pdf"')
    assert AuditEvent.objects.filter(action="decree.downloaded").count() == 4
