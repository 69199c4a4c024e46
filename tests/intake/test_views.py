"""The intake pages through Django's test client: what an operator and a verifier see and can do."""

import io

import fastexcel
import pytest
from django.urls import reverse

from jaring.audit.models import AuditEvent
from jaring.intake.lifecycle import BatchStatus, CandidateStatus
from jaring.intake.models import Candidate, ColumnMapping, ImportBatch, ImportRow
from jaring.people.models import Person
from jaring.programs.models import Program

from ..conftest import BESUKI, NGARES, PASSWORD, TERBIS
from .test_reading import bomb, simple_xlsx
from .test_services import BAD, GOOD, HEADER

UPLOAD = reverse("intake:upload")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST an upload and run the background check it queues (the test settings' tasks run immediately)."""

    def post(client, data: bytes, name="usulan.csv", **fields):
        upload = io.BytesIO(data)
        upload.name = name
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(UPLOAD, {"source": "usulan", **fields, "file": upload})
        return response

    return post


def batch_page(client, response):
    assert response.status_code == 302, getattr(response, "content", b"")[:500]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def test_village_operator_uploads_and_sees_the_check_report(as_user, send, program):
    client = as_user("operator_besuki")
    page = batch_page(client, send(client, (HEADER + "".join(GOOD + BAD)).encode(), program=program.pk))
    text = page.content.decode()
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.CHECKED and batch.region_id == BESUKI
    assert page.context["batch"].counts["error"] == 3
    assert "16 angka" in text or "16 digit" in text  # the short NIK's explanation is on screen
    assert reverse("intake:batch_report", args=[batch.pk]) in text
    assert Person.objects.count() == 0  # phase 1 writes nothing


def test_confirming_writes_valid_rows_and_a_second_upload_says_sudah_ada(
    as_user, send, program, django_capture_on_commit_callbacks
):
    client = as_user("operator_besuki")
    batch_page(client, send(client, (HEADER + "".join(GOOD)).encode(), program=program.pk))
    batch = ImportBatch.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:batch_confirm", args=[batch.pk]), {"accept_warnings": "1"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED and batch.warnings_accepted
    assert Candidate.objects.count() == 2

    page = batch_page(client, send(client, (HEADER + "".join(GOOD)).encode(), name="lagi.csv", program=program.pk))
    assert page.context["batch"].counts["existing"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:batch_confirm", args=[page.context["batch"].pk]), {"accept_warnings": "1"})
    assert Candidate.objects.count() == 2 and Person.objects.count() == 2


def test_report_download_marks_problem_rows_with_an_explanation(as_user, send, program):
    client = as_user("operator_besuki")
    batch_page(client, send(client, (HEADER + "".join(GOOD + BAD)).encode(), program=program.pk))
    response = client.get(reverse("intake:batch_report", args=[ImportBatch.objects.get().pk]))
    assert response["Content-Disposition"].startswith("attachment")
    data = b"".join(response.streaming_content)
    rows = fastexcel.read_excel(data).load_sheet("Usulan", dtypes="string").to_polars().rows(named=True)
    notes = {row["Baris"]: row["Keterangan masalah"] or "" for row in rows}
    assert notes["2"] == "" and "NIK" in notes["4"] and "sama" in notes["5"].lower()
    assert AuditEvent.objects.filter(action="intake.report").exists()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200), "usulan.xlsx", "bukan Excel atau CSV"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "usulan.pdf", "bukan Excel atau CSV"),
        (b"", "kosong.csv", "kosong"),
        (b"NIK;Nama\n", "judul-saja.csv", "belum ada baris data"),
        (bomb(500 * 1024 * 1024, level=1), "bom.xlsx", "400 MB"),
    ],
    ids=["renamed-exe", "pdf", "empty", "header-only", "zip-bomb"],
)
def test_bad_files_are_refused_with_a_message_and_never_half_written(as_user, send, program, data, name, reason):
    client = as_user("operator_besuki")
    page = batch_page(client, send(client, data, name=name, program=program.pk))
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REFUSED
    assert reason.lower() in batch.message.lower() and batch.message in page.content.decode()
    assert ImportRow.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(as_user, send, program, settings):
    settings.INTAKE_MAX_BYTES = 1024 * 1024
    client = as_user("operator_besuki")
    response = send(client, b"NIK;Nama\n" + b"3503011204850001;SITI\n" * 60_000, program=program.pk)
    assert response.status_code == 400
    assert "1 MB" in response.content.decode() and ImportBatch.objects.count() == 0


def test_more_rows_than_the_limit_are_refused_naming_the_limit(as_user, send, program, settings):
    settings.INTAKE_MAX_ROWS = 3
    client = as_user("operator_besuki")
    batch_page(client, send(client, (HEADER + "".join(GOOD + BAD)).encode(), program=program.pk))
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REFUSED and "3 baris" in batch.message


def test_html_in_names_and_formula_cells_are_shown_as_text(as_user, send, program):
    client = as_user("operator_besuki")
    rows = [
        ["NIK", "Nama", "Tgl Lahir", "JK", "Desa"],
        ["3503011204850001", "<script>alert(1)</script>", "12-04-1985", "L", "Besuki"],
        ["350301120485", '=HYPERLINK("http://x")', "12-04-1985", "L", "Besuki"],
    ]
    page = batch_page(client, send(client, simple_xlsx(*rows), name="usulan.xlsx", program=program.pk))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    report = client.get(reverse("intake:batch_report", args=[ImportBatch.objects.get().pk]))
    data = b"".join(report.streaming_content)
    assert b"<f>" not in _sheet_xml(data)  # no formula survives into the file we hand back


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/worksheets/sheet1.xml")


def test_village_operator_cannot_upload_for_another_village(as_user, send, program):
    client = as_user("operator_besuki")
    refused = send(client, (HEADER + GOOD[0]).encode(), program=program.pk, village=TERBIS)
    assert refused.status_code == 400 and ImportBatch.objects.count() == 0  # a forged village is refused
    text = HEADER + "1;3503014101900003;TUMINI;TRENGGALEK, 01-01-1990;P;DSN. BARU;1/1;Terbis;Pedagang;\n"
    page = batch_page(client, send(client, text.encode(), name="terbis.csv", program=program.pk))
    assert page.context["batch"].counts["error"] == 1


def test_verifier_uploads_for_the_regency_and_sees_every_village_batch(as_user, send, program, users):
    client = as_user("verifikator")
    batch_page(client, send(client, (HEADER + "".join(GOOD)).encode(), program=program.pk))
    assert ImportBatch.objects.get().region_id == "35.03"
    operator = as_user("operator_ngares")
    response = operator.get(reverse("intake:batch", args=[ImportBatch.objects.get().pk]))
    assert response.status_code == 404


def test_roles_that_do_not_propose_are_refused(as_user, program):
    for key in ("pemantau", "perencana", "bpjs"):
        client = as_user(key)
        assert client.get(reverse("intake:home")).status_code == 403
        client.logout()


def test_template_is_the_operators_own_village_only(as_user, program):
    client = as_user("operator_besuki")
    response = client.get(reverse("intake:template"), {"village": BESUKI})
    data = b"".join(response.streaming_content)
    assert "besuki" in response["Content-Disposition"]
    form = fastexcel.read_excel(data).load_sheet("Usulan", dtypes="string").to_polars()
    assert form.columns[1] == "NIK" and "Besuki" in set(form["Desa/Kelurahan"].drop_nulls())
    assert client.get(reverse("intake:template"), {"village": NGARES}).status_code == 404


def test_corrected_mapping_is_checked_again_and_remembered(as_user, send, program, django_capture_on_commit_callbacks):
    client = as_user("operator_besuki")
    text = "Nomer;Identitas;Nama;Tgl Lahir;JK;Desa\n1;3503011204850001;SUTRISNO;12-04-1985;L;Besuki\n"
    batch_page(client, send(client, text.encode(), program=program.pk))
    batch = ImportBatch.objects.get()
    assert "1" not in batch.mapping  # "Identitas" is not a header we guess
    fields = {"col_1": "nik", "col_2": "full_name", "col_3": "birth_date", "col_4": "sex", "col_5": "village"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:batch_mapping", args=[batch.pk]), fields)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CHECKED and batch.counts["ok"] == 1
    assert ColumnMapping.objects.get().mapping["1"] == "nik"
    again = batch_page(client, send(client, text.encode(), name="lagi.csv", program=program.pk))
    assert again.context["batch"].mapping["1"] == "nik"


def test_a_mapping_without_nik_is_refused_with_a_message(as_user, send, program):
    client = as_user("operator_besuki")
    batch_page(client, send(client, (HEADER + GOOD[0]).encode(), program=program.pk))
    batch = ImportBatch.objects.get()
    response = client.post(reverse("intake:batch_mapping", args=[batch.pk]), {"col_2": "full_name"}, follow=True)
    assert "Pilih kolom yang berisi NIK" in response.content.decode()


def test_cancelling_a_checked_upload_writes_nothing(as_user, send, program):
    client = as_user("operator_besuki")
    batch_page(client, send(client, (HEADER + "".join(GOOD)).encode(), program=program.pk))
    batch = ImportBatch.objects.get()
    client.post(reverse("intake:batch_cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED and Candidate.objects.count() == 0


def test_progress_is_shown_while_checking_and_the_page_reloads_when_done(as_user, program, users):
    from jaring.intake.services import batch_upload
    from jaring.regions.models import Region

    batch = batch_upload(
        program=program,
        region=Region.objects.get(code=BESUKI),
        data=(HEADER + GOOD[0]).encode(),
        filename="u.csv",
        source="usulan",
        source_date=None,
        actor=users["operator_besuki"],
        background=False,
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CHECKING, rows_total=800, rows_done=200)
    client = as_user("operator_besuki")
    progress = client.get(reverse("intake:batch_progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert "200" in progress.content.decode() and "800" in progress.content.decode()
    assert 'hx-trigger="every 1s"' in progress.content.decode()
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CHECKED)
    done = client.get(reverse("intake:batch_progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


# --- single entry, return and resubmit -------------------------------------------------------------------------

PERSON = {
    "nik": "3503015204850002",
    "kk_number": "3503010101090002",
    "full_name": "  sri   wahyuni ",
    "birth_place": "Trenggalek",
    "birth_date": "12-04-1985",
    "sex": "P",
    "street": "Dsn. Krajan",
    "rt": "1",
    "rw": "2",
    "village": BESUKI,
    "occupation": "buruh_tani",
    "groups": ["orang_tua_tunggal"],
}


def test_live_check_reports_problems_only_for_fields_already_typed(as_user, program):
    client = as_user("operator_besuki")
    response = client.post(
        reverse("intake:entry_check"), {"program": program.code, "village": BESUKI, "nik": "35030152048"}
    )
    html = response.content.decode()
    assert 'id="check-nik"' in html and "16" in html
    assert "Tanggal lahir" not in html  # not typed yet, so not yet a complaint


def test_single_entry_creates_a_proposal_and_refuses_the_same_nik_twice(as_user, program):
    client = as_user("operator_besuki")
    url = reverse("intake:entry") + f"?program={program.code}"
    response = client.post(url, {**PERSON, "program": program.code})
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.full_name == "SRI WAHYUNI" and person.village_id == BESUKI
    assert list(person.group_memberships.values_list("group", flat=True)) == ["orang_tua_tunggal"]
    again = client.post(url, {**PERSON, "program": program.code})
    assert "sudah ada" in again.content.decode() and Candidate.objects.count() == 1


def test_single_entry_with_a_warning_needs_the_operator_to_confirm_it(as_user, program):
    client = as_user("operator_besuki")
    url = reverse("intake:entry") + f"?program={program.code}"
    typed = {**PERSON, "birth_date": "13-04-1985", "program": program.code}  # NIK says the 12th
    response = client.post(url, typed)
    assert response.status_code == 200 and Candidate.objects.count() == 0
    assert client.post(url, {**typed, "accept_warnings": "on"}).status_code == 302
    assert Candidate.objects.count() == 1


def test_verifier_returns_and_village_corrects_and_resubmits(as_user, program, client):
    operator = as_user("operator_besuki")
    operator.post(reverse("intake:entry") + f"?program={program.code}", {**PERSON, "program": program.code})
    candidate = Candidate.objects.get()
    operator.logout()

    verifier = as_user("verifikator")
    verifier.post(reverse("intake:candidate_return", args=[candidate.pk]), {"message": "Nama beda dengan KTP"})
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.RETURNED and candidate.return_message == "Nama beda dengan KTP"
    verifier.logout()

    operator = as_user("operator_besuki")
    assert "Nama beda dengan KTP" in operator.get(reverse("intake:candidate_fix", args=[candidate.pk])).content.decode()
    fixed = {**PERSON, "full_name": "SRI WAHYUNINGSIH", "program": program.code}
    assert operator.post(reverse("intake:candidate_fix", args=[candidate.pk]), fixed).status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.RESUBMITTED
    assert candidate.person.full_name == "SRI WAHYUNINGSIH"
    event = AuditEvent.objects.get(action="intake.candidate_resubmit")
    assert event.detail["changed"] == ["full_name"]


def test_village_operator_cannot_return_a_proposal(as_user, program):
    operator = as_user("operator_besuki")
    operator.post(reverse("intake:entry") + f"?program={program.code}", {**PERSON, "program": program.code})
    response = operator.post(reverse("intake:candidate_return", args=[Candidate.objects.get().pk]), {"message": "x"})
    assert response.status_code == 403


def test_other_villages_proposals_are_invisible(as_user, program):
    operator = as_user("operator_besuki")
    operator.post(reverse("intake:entry") + f"?program={program.code}", {**PERSON, "program": program.code})
    operator.logout()
    other = as_user("operator_ngares")
    assert other.get(reverse("intake:candidates")).context["rows"] == []
    assert other.get(reverse("intake:candidate_fix", args=[Candidate.objects.get().pk])).status_code == 404


# --- the rest of the bad-input list, through the upload page --------------------------------------------


def _sheet_with(build_extra):
    from .test_reading import xlsx

    def build(book):
        build_extra(book)

    return xlsx(build)


def _merged_header(book):
    sheet = book.add_worksheet("Usulan")
    sheet.merge_range("A1:B1", "DATA USULAN DESA BESUKI")  # a merged title block above the header
    sheet.write_row(2, 0, ["NIK", "Nama", "Tgl Lahir", "JK"])
    sheet.merge_range("E3:F3", "Alamat")
    sheet.write_row(3, 0, ["3503011204850001", "SUTRISNO", "12-04-1985", "L", "Krajan", "RT 1"])


def _hidden_sheet(book):
    secret = book.add_worksheet("Rahasia")
    secret.write_row(0, 0, ["NIK", "Nama"])
    secret.write_row(1, 0, ["3503014101900003", "ORANG LAIN"])
    data = book.add_worksheet("Usulan")
    data.write_row(0, 0, ["NIK", "Nama", "Tgl Lahir", "JK"])
    data.write_row(1, 0, ["3503011204850001", "SUTRISNO", "12-04-1985", "L"])
    data.activate()
    secret.hide()


def _formula(book):
    sheet = book.add_worksheet("Usulan")
    sheet.write_row(0, 0, ["NIK", "Nama", "Tgl Lahir", "JK"])
    sheet.write_row(1, 0, ["3503011204850001"])
    sheet.write_formula(1, 1, '=UPPER("sutrisno")', None, "SUTRISNO")
    sheet.write_row(1, 2, ["12-04-1985", "L"])


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (lambda: _sheet_with(_merged_header), "merged.xlsx", ["SUTRISNO"]),
        (lambda: _sheet_with(_hidden_sheet), "hidden.xlsx", ["SUTRISNO"]),
        (lambda: _sheet_with(_formula), "formula.xlsx", ["SUTRISNO"]),
        (
            lambda: (
                "NIK;Nama;Tgl Lahir;JK\r\n3503011204850001;Sutrisno Sé;12-04-1985;L\r\n".encode()
                + "3503015204850002;S’adiyah;12-04-1985;P\r\n".encode("cp1252")
            ),
            "mixed.csv",
            ["SUTRISNO SÉ", "S’ADIYAH"],
        ),
    ],
    ids=["merged-header", "hidden-sheet", "formula", "mixed-encodings"],
)
def test_awkward_but_readable_files_are_checked_row_by_row(as_user, send, program, data, name, expected):
    """Merged title and header cells, a hidden sheet (never read), a formula (its value), lines in two encodings."""
    client = as_user("operator_besuki")
    page = batch_page(client, send(client, data(), name=name, program=program.pk))
    assert page.context["batch"].status == BatchStatus.CHECKED
    assert list(ImportRow.objects.order_by("row_number").values_list("cleaned__full_name", flat=True)) == expected
