"""The regent's decree and its annex as documents (issue #6): Word, .xlsx and PDF, from plain data.

No database: the builders take the dataclasses of ``jaring.decrees.documents.contract``. Files are read
back with python-docx and fastexcel; the PDF is checked through its layout (pages, lines) and WeasyPrint's
own page count, never through poppler.
"""

import dataclasses
import io
import re
import zipfile
from datetime import date

import docx
import fastexcel
import polars as pl
import pytest

from jaring.decrees.documents import build_template
from jaring.decrees.documents.annex import annex_pdf, annex_xlsx
from jaring.decrees.documents.annex.metrics import SPACES, face
from jaring.decrees.documents.annex.pages import PAGE_LINES, TABLE_PT, layout
from jaring.decrees.documents.annex.pdf import annex_html
from jaring.decrees.documents.contract import AnnexRow, DecreeText, SourceLine
from jaring.decrees.documents.docx import TEMPLATE, TemplateInvalid, decree_context, render_decree_docx
from jaring.decrees.documents.words import count_in_words, date_in_words, rupiah_in_words

NUMBER = "188.45/12/406.004/2026"
LONG_NAME = "RADEN AJENG SRI WAHYUNINGSIH KUSUMAWARDHANI PRAWIROATMODJO BINTI SUKARNO"
LEGAL_BASIS = [
    "Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional",
    "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial",
    "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
]


def decree(**changes) -> DecreeText:
    """Trenggalek's 2026 decree: 10,000 people × 12 months × Rp16,800, from two sources; final."""
    text = DecreeText(
        government="PEMERINTAH KABUPATEN TRENGGALEK",
        office_address="Jalan Panglima Sudirman Nomor 1 Trenggalek",
        regent_title="BUPATI TRENGGALEK",
        regent_name="Mochamad Nur Arifin",
        signing_place="Trenggalek",
        title="Penetapan Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Tahun 2026",
        number=NUMBER,
        signed_on=date(2026, 1, 5),
        is_amendment=False,
        amends_number="",
        amends_signed_on=None,
        legal_basis=LEGAL_BASIS,
        program_name="Bantuan Iuran Jaminan Sosial Ketenagakerjaan Pekerja Rentan",
        year=2026,
        period="Januari–Desember 2026",
        months=12,
        package="Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)",
        monthly_contribution=16_800,
        recipients=10_000,
        total_cost=2_016_000_000,
        sources=[
            SourceLine("APBD Kabupaten Trenggalek", 8_000, 1_612_800_000),
            SourceLine("DBHCHT", 2_000, 403_200_000),
        ],
        is_draft=False,
    )
    return dataclasses.replace(text, **changes)


def draft() -> DecreeText:
    return decree(number="", signed_on=None, is_draft=True)


def amendment(**changes) -> DecreeText:
    return decree(
        number="188.45/40/406.004/2026",
        signed_on=date(2026, 6, 1),
        is_amendment=True,
        amends_number=NUMBER,
        amends_signed_on=date(2026, 1, 5),
        added=3,
        removed=3,
        reason="tiga penerima meninggal dunia",
        **changes,
    )


def rows(villages: dict[tuple[str, str], int], *, masked: bool = False) -> list[AnnexRow]:
    """``{("Panggul", "Besuki"): 3, …}`` → that many people per desa, sorted and numbered as the caller does."""
    out = []
    for d, ((district, village), count) in enumerate(sorted(villages.items())):
        for k in range(count):
            nik = f"3503{d + 1:02}{k % 28 + 1:02}0185{k + 1:04}"
            out.append(
                AnnexRow(
                    row=len(out) + 1,
                    full_name=f"WARGA {village.upper()} {k + 1:03}",
                    nik=f"{nik[:4]}********{nik[-4:]}" if masked else nik,
                    birth_date=date(1985, 1, k % 28 + 1),
                    address=f"DSN. KRAJAN RT {k % 9 + 1:03} RW 002",
                    village=f"Desa {village}",
                    village_code=f"35.03.{d + 1:02}.2001",
                    district=district,
                    district_code=f"35.03.{sorted({v[0] for v in villages}).index(district) + 1:02}",
                    source="APBD Kabupaten Trenggalek",
                    cost=201_600,
                )
            )
    return out


SMALL = {("Panggul", "Besuki"): 4, ("Panggul", "Terbis"): 3, ("Trenggalek", "Ngares"): 2}


# words.py: amounts, counts and dates as a decree writes them


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (0, "Rp0,00 (nol rupiah)"),
        (16_800, "Rp16.800,00 (enam belas ribu delapan ratus rupiah)"),
        (2_016_000_000, "Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)"),
        (1_200_000_000, "Rp1.200.000.000,00 (satu miliar dua ratus juta rupiah)"),
        (
            588_394_800,
            "Rp588.394.800,00 (lima ratus delapan puluh delapan juta tiga ratus sembilan puluh empat ribu "
            "delapan ratus rupiah)",
        ),
    ],
)
def test_amounts_are_written_in_figures_and_words(amount, written):
    assert rupiah_in_words(amount) == written


@pytest.mark.parametrize("amount", [-1, -16_800])
def test_a_negative_amount_is_refused(amount):
    with pytest.raises(ValueError, match="negatif"):
        rupiah_in_words(amount)


def test_a_fractional_amount_is_refused():
    with pytest.raises(ValueError, match="bulat"):
        rupiah_in_words(16_800.5)


@pytest.mark.parametrize(
    ("count", "written"),
    [(1, "1 (satu)"), (11, "11 (sebelas)"), (1_000, "1.000 (seribu)"), (10_000, "10.000 (sepuluh ribu)")],
)
def test_counts_are_written_in_figures_and_words(count, written):
    assert count_in_words(count) == written


def test_dates_are_written_with_the_indonesian_month_and_no_leading_zero():
    assert date_in_words(date(2026, 1, 5)) == "5 Januari 2026"
    assert date_in_words(None) == ""


# The decree as Word


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def text_of(data: bytes) -> str:
    return "\n".join(paragraphs(data))


def test_decree_states_its_number_and_title_in_capitals():
    text = text_of(render_decree_docx(decree()))
    assert f"NOMOR: {NUMBER}" in text
    assert "KEPUTUSAN BUPATI TRENGGALEK\n" in text
    assert "PENETAPAN PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN TAHUN 2026" in text


def test_mengingat_cites_the_legal_basis_in_order_numbered():
    lines = [p for p in paragraphs(render_decree_docx(decree())) if re.search(r"\t\d\.\t", p)]
    assert [re.sub(r"^.*\t\d\.\t", "", p) for p in lines] == [
        f"{LEGAL_BASIS[0]};",
        f"{LEGAL_BASIS[1]};",
        f"{LEGAL_BASIS[2]}.",
    ]
    assert lines[0].startswith("Mengingat\t:\t1.")


def test_decree_states_recipients_contribution_and_total_in_figures_and_words():
    text = text_of(render_decree_docx(decree()))
    assert "sebanyak 10.000 (sepuluh ribu) orang" in text
    assert "sebesar Rp16.800,00 (enam belas ribu delapan ratus rupiah) per orang per bulan" in text
    assert "selama 12 (dua belas) bulan" in text
    assert "Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)" in text


def test_each_funding_source_is_listed_with_its_people_and_amount():
    text = text_of(render_decree_docx(decree()))
    assert (
        "a.\tAPBD Kabupaten Trenggalek untuk 8.000 (delapan ribu) orang sebesar Rp1.612.800.000,00 "
        "(satu miliar enam ratus dua belas juta delapan ratus ribu rupiah);"
    ) in text
    assert "b.\tDBHCHT untuk 2.000 (dua ribu) orang sebesar Rp403.200.000,00 (empat ratus tiga juta dua ratus" in text
    assert "dibebankan pada APBD Kabupaten Trenggalek dan DBHCHT." in text


def page_header(data: bytes) -> str:
    return "".join(p.text for p in docx.Document(io.BytesIO(data)).sections[0].header.paragraphs)


def test_a_final_decree_has_no_draft_mark_and_shows_its_signing_date():
    data = render_decree_docx(decree())
    lines = paragraphs(data)
    assert not any("DRAF" in line for line in lines) and page_header(data) == ""
    assert "pada tanggal 5 Januari 2026" in lines
    assert "MOCHAMAD NUR ARIFIN" in lines


def test_a_draft_says_draf_at_the_top_with_dots_for_its_number_and_no_date():
    data = render_decree_docx(draft())
    lines = [line for line in paragraphs(data) if line]
    assert lines[0] == "DRAF" and page_header(data) == "DRAF: belum ditetapkan"
    assert any(re.fullmatch(r"NOMOR: \.{10,}", line) for line in lines)
    assert "pada tanggal" in [line.strip() for line in lines]


def test_an_amendment_is_titled_and_reasoned_as_an_amendment():
    text = text_of(render_decree_docx(amendment()))
    assert f"PERUBAHAN ATAS KEPUTUSAN BUPATI TRENGGALEK NOMOR {NUMBER} TENTANG PENETAPAN PENERIMA" in text
    assert "bahwa tiga penerima meninggal dunia, sehingga Lampiran Keputusan Bupati Trenggalek Nomor" in text
    assert (
        "dengan mengeluarkan 3 (tiga) orang penerima dan menetapkan 3 (tiga) orang penerima pengganti, "
        "sehingga jumlah penerima menjadi 10.000 (sepuluh ribu) orang"
    ) in text
    assert "biaya bantuan iuran seluruhnya menjadi sebesar Rp2.016.000.000,00" in text


def test_an_amendment_cites_the_amended_decree_last_in_mengingat():
    lines = [p for p in paragraphs(render_decree_docx(amendment())) if re.search(r"\t\d\.\t", p)]
    assert len(lines) == len(LEGAL_BASIS) + 1
    assert lines[-1].endswith(
        f"4.\tKeputusan Bupati Trenggalek Nomor {NUMBER} tanggal 5 Januari 2026 tentang Penetapan Penerima "
        "Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Tahun 2026."
    )


def test_an_amendment_names_the_amended_decree_by_its_title_not_its_own():
    own = f"Perubahan atas Keputusan Nomor {NUMBER} tentang Penetapan Penerima Tahun 2026"
    text = text_of(render_decree_docx(amendment(title=own, amends_title="Penetapan Penerima Tahun 2026")))
    assert f"PERUBAHAN ATAS KEPUTUSAN BUPATI TRENGGALEK NOMOR {NUMBER} TENTANG PENETAPAN PENERIMA TAHUN 2026\n" in text
    assert "tentang Perubahan atas Keputusan Nomor" not in text


def test_an_original_decree_has_no_amendment_wording():
    text = text_of(render_decree_docx(decree()))
    assert "PERUBAHAN" not in text and "penerima pengganti" not in text


def word_file(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_regency_template_is_rendered_with_the_same_variables():
    template = word_file("SK {{ regent }} Nomor {{ number }}", "Biaya {{ total_cost }}")
    assert paragraphs(render_decree_docx(decree(), template)) == [
        f"SK Bupati Trenggalek Nomor {NUMBER}",
        "Biaya Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)",
    ]


def test_a_template_naming_an_unknown_variable_is_refused():
    with pytest.raises(TemplateInvalid, match="nomor_sk"):
        render_decree_docx(decree(), word_file("Nomor {{ nomor_sk }}"))


def test_a_template_that_is_not_a_word_file_is_refused():
    with pytest.raises(TemplateInvalid):
        render_decree_docx(decree(), b"not a docx")


def test_data_cannot_break_the_word_xml():
    text = text_of(render_decree_docx(decree(program_name="Iuran <JKK> & JKM")))
    assert "penerima Iuran <JKK> & JKM Tahun 2026" in text


@pytest.mark.parametrize("text", [decree(), amendment()], ids=["original", "amendment"])
def test_every_template_variable_is_documented_for_the_legal_office(text):
    from jaring.decrees.documents import docx as module

    undocumented = [key for key in decree_context(text) if f"``{key}``" not in module.__doc__]
    assert undocumented == []


def test_the_shipped_template_is_what_build_template_writes():
    def body(data: bytes) -> bytes:
        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")

    assert body(TEMPLATE.read_bytes()) == body(build_template.build()), "run python -m ...build_template"


# The annex as .xlsx


def sheet(data: bytes):
    """The table under the heading: the row whose first cell is "No." is the header."""
    raw = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_polars()
    header = raw.to_series(0).to_list().index("No.")
    return fastexcel.read_excel(data).load_sheet(0, header_row=header).to_polars()


def test_xlsx_has_the_heading_and_the_column_header():
    data = annex_xlsx(decree(), rows(SMALL))
    raw = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_polars()
    assert raw.select(raw.columns[0], raw.columns[2]).head(4).rows() == [
        ("LAMPIRAN KEPUTUSAN BUPATI TRENGGALEK", None),
        ("NOMOR", f": {NUMBER}"),
        ("TANGGAL", ": 5 Januari 2026"),
        ("TENTANG", ": PENETAPAN PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN TAHUN 2026"),
    ]
    assert sheet(data).columns == [
        "No.",
        "Nama",
        "NIK",
        "Tanggal lahir",
        "Alamat",
        "Desa/Kelurahan",
        "Kecamatan",
        "Sumber dana",
    ]


def test_xlsx_lists_every_person_once():
    people = rows(SMALL)
    table = sheet(annex_xlsx(decree(), people)).drop_nulls("NIK")
    assert table["Nama"].to_list() == [p.full_name for p in people]


def test_xlsx_has_subtotals_per_desa_and_kecamatan_and_a_total():
    labels = [v for v in sheet(annex_xlsx(decree(), rows(SMALL)))["Nama"].to_list() if v.startswith("Jumlah")]
    assert labels == [
        "Jumlah Desa Besuki: 4 orang",
        "Jumlah Desa Terbis: 3 orang",
        "Jumlah Kecamatan Panggul: 7 orang",
        "Jumlah Desa Ngares: 2 orang",
        "Jumlah Kecamatan Trenggalek: 2 orang",
        "Jumlah seluruhnya: 9 orang",
    ]


def test_xlsx_keeps_nik_as_text_with_every_digit_and_dates_as_dates():
    people = rows(SMALL)
    table = sheet(annex_xlsx(decree(), people)).drop_nulls("NIK")
    assert table["NIK"].dtype == pl.String
    assert table["NIK"].to_list() == [p.nik for p in people]
    assert table["Tanggal lahir"].dtype.is_temporal()
    assert table["Tanggal lahir"].dt.date().to_list() == [p.birth_date for p in people]


def test_public_xlsx_has_no_birth_date_and_says_it_is_public():
    data = annex_xlsx(decree(), rows(SMALL, masked=True), public=True)
    table = sheet(data)
    assert "Tanggal lahir" not in table.columns
    assert table.drop_nulls("NIK")["NIK"].to_list()[0] == "3503********0001"
    raw = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_polars().to_series(0).to_list()
    assert any(str(v).startswith("Versi publik") for v in raw)


def test_xlsx_of_an_amendment_marks_added_and_removed_rows_with_the_reason():
    people = rows(SMALL)
    people[1] = dataclasses.replace(people[1], change="removed", reason="meninggal dunia")
    people[2] = dataclasses.replace(people[2], change="added", reason="pengganti No. 2")
    table = sheet(annex_xlsx(amendment(), people))
    assert table["Keterangan"].to_list()[1:3] == ["Dihapus: meninggal dunia", "Ditambah: pengganti No. 2"]
    assert "Jumlah Desa Besuki: 3 orang (1 ditambah, 1 dihapus)" in table["Nama"].to_list()


def test_a_name_that_looks_like_a_formula_stays_text():
    people = [dataclasses.replace(rows(SMALL)[0], full_name="=HYPERLINK(1)")]
    assert sheet(annex_xlsx(decree(), people))["Nama"].to_list()[0] == "'=HYPERLINK(1)"


# The annex as PDF: its layout in Python, then WeasyPrint


def lines_of(pages) -> list[str]:
    return [line.text for page in pages for line in page.lines]


def words(line: str) -> str:
    """A laid-out line as plain words: the spaces and tabs that place the columns become one space."""
    return " ".join(line.split())


def test_pdf_is_a_pdf():
    assert annex_pdf(decree(), rows(SMALL)).startswith(b"%PDF")


def test_every_page_starts_with_the_column_header():
    pages = layout(decree(), rows({("Panggul", "Besuki"): 120}), public=False)
    assert len(pages) > 2
    for page in pages:
        assert [words(line.text) for line in page.lines[:2]] == [
            "No. Nama NIK Tanggal Alamat Desa/Kelurahan Kecamatan Sumber dana",
            "lahir",
        ]


def test_first_page_has_the_lampiran_heading_and_the_last_the_signature():
    pages = layout(decree(), rows(SMALL), public=False)
    assert [words(line) for line in pages[0].heading] == [
        "LAMPIRAN KEPUTUSAN BUPATI TRENGGALEK",
        f"NOMOR : {NUMBER}",
        "TANGGAL : 5 Januari 2026",
        "TENTANG : PENETAPAN PENERIMA BANTUAN IURAN JAMINAN SOSIAL",
        "KETENAGAKERJAAN BAGI PEKERJA RENTAN TAHUN 2026",
    ]
    assert pages[-1].signature[0] == "BUPATI TRENGGALEK," and pages[-1].signature[-1] == "MOCHAMAD NUR ARIFIN"
    assert words(pages[-1].footer).endswith(f"Halaman {len(pages)} dari {len(pages)}")


def test_pdf_has_subtotals_per_desa_and_kecamatan_and_a_total():
    labels = [words(line) for line in lines_of(layout(decree(), rows(SMALL), public=False)) if "Jumlah" in line]
    assert labels == [
        "Jumlah Desa Besuki: 4 orang",
        "Jumlah Desa Terbis: 3 orang",
        "Jumlah Kecamatan Panggul: 7 orang",
        "Jumlah Desa Ngares: 2 orang",
        "Jumlah Kecamatan Trenggalek: 2 orang",
        "Jumlah seluruhnya: 9 orang",
    ]


def test_a_long_name_is_wrapped_over_lines_not_cut():
    people = [dataclasses.replace(rows(SMALL)[0], full_name=LONG_NAME)]
    lines = [line for line in lines_of(layout(decree(), people, public=False)) if "Jumlah" not in line][2:]
    first, *continued = [words(line) for line in lines]
    assert first.startswith("1 RADEN AJENG SRI") and first.endswith("APBD Kabupaten Trenggalek")
    name = [first.removeprefix("1 ").split(f" {people[0].nik}")[0], *continued]
    assert len(name) > 1
    assert " ".join(name) == LONG_NAME


def test_page_count_grows_with_the_rows():
    counts = [len(layout(decree(), rows({("Panggul", "Besuki"): n}), public=False)) for n in (10, 100, 300)]
    assert counts[0] < counts[1] < counts[2]


def test_no_page_holds_more_lines_than_fit():
    for page in layout(decree(), rows({("Panggul", "Besuki"): 200}), public=False):
        assert page.used <= PAGE_LINES


def test_weasyprint_prints_exactly_the_pages_laid_out():
    """If a line were taller than counted, WeasyPrint would push text onto pages of its own."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    people = rows({("Panggul", "Besuki"): 150, ("Panggul", "Terbis"): 100, ("Trenggalek", "Ngares"): 50})
    people[7] = dataclasses.replace(people[7], full_name=LONG_NAME)
    html = annex_html(decree(), people)
    assert len(HTML(string=html).render(font_config=FontConfiguration()).pages) == len(
        layout(decree(), people, public=False)
    )


def test_public_pdf_has_no_birth_date_and_says_it_is_public():
    pages = layout(decree(), rows(SMALL, masked=True), public=True)
    assert words(pages[0].lines[0].text) == "No. Nama NIK Alamat Desa/Kelurahan Kecamatan Sumber dana"
    assert any(line.startswith("Versi publik") for line in pages[0].caption)
    assert "3503********0001" in words(pages[0].lines[1].text)
    assert not any("-1985" in line for line in lines_of(pages))


def test_a_draft_annex_says_draf():
    pages = layout(draft(), rows(SMALL), public=False)
    assert pages[0].caption[0].startswith("DRAF")
    assert "(DRAF)" in pages[0].footer


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_columns_are_reached_by_spaces_to_within_a_quarter_px(weight):
    font = face(weight, TABLE_PT)
    for gap in (3.0, 6.0, 7.31, 16.0, 99.99, 333.3, 800.0):
        fill = font.fill(gap)
        assert set(fill) <= set(SPACES)
        assert font.width(fill) == pytest.approx(gap, abs=0.25)


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_measured_widths_agree_with_pango(weight):
    """The columns line up only if fontTools' widths are Pango's: same font files, no kerning, no ligatures.
    Bold is measured too: the header and the subtotals are bold."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from jaring.decrees.documents.annex.pages import Grid
    from jaring.decrees.documents.annex.pdf import _css
    from jaring.decrees.documents.annex.table import columns

    samples = [LONG_NAME, "Jl. Raya Panggul–Munjungan No. 12, RT 014 RW 007", "AVA WAWA Té fi fl", "3503********0001"]
    body = "".join(f"<p><span>{s}</span></p>" for s in samples)
    css = _css(Grid.of(columns(public=False, amendment=False)))
    css += f"p {{ margin: 0; white-space: pre; font-weight: {weight} }}"
    page = HTML(string=f"<style>{css}</style>{body}").render(font_config=FontConfiguration()).pages[0]
    boxes = list(text_boxes(page._page_box))
    assert [b.text for b in boxes] == samples
    for box in boxes:
        assert box.width == pytest.approx(face(weight, TABLE_PT).width(box.text), abs=0.05)


def text_boxes(box):
    if type(box).__name__ == "TextBox":
        yield box
    for child in getattr(box, "children", []):
        yield from text_boxes(child)
