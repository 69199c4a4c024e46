"""Builds Jaring's default Word template of the regent's decree, ``templates/sk_bupati.docx``. No Django.

    python -m jaring.decrees.documents.build_template

The wording of a Keputusan Bupati lives here, in formal Indonesian, with the docxtpl variables that
docx.py documents; the legal office may instead upload its own template that uses the same variables. The
layout follows how regencies write decrees: the letterhead, title block, Menimbang and Mengingat with
their labels, colons and item letters on tab stops and the text hanging after them, MEMUTUSKAN and the
dicta (KESATU …), and the signature block at the right. Paragraph-level tags (``{%p if … %}``) sit alone in
their paragraph, as docxtpl requires.
"""

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parent / "templates" / "sk_bupati.docx"
FONT = "Bookman Old Style"
LABEL, ITEM, TEXT = Cm(3.2), Cm(3.6), Cm(4.3)  # tab stops: ":" after a label, "a."/"1.", the text
SIGNATURE = Cm(9.5)
CONSIDERING = (
    "bahwa dalam rangka memberikan pelindungan jaminan sosial ketenagakerjaan bagi pekerja rentan melalui "
    "program Jaminan Kecelakaan Kerja dan Jaminan Kematian, sebagaimana diinstruksikan dalam Instruksi "
    "Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan, "
    "{{ government_name }} memberikan bantuan iuran bagi pekerja rentan;",
    "bahwa {{ government_name }} telah menganggarkan bantuan iuran program {{ package }} bagi pekerja rentan "
    "untuk periode {{ period }};",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
    "Keputusan {{ regent }} tentang {{ about }};",
)
CONSIDERING_AMENDMENT = (
    "bahwa {{ regent }} telah menetapkan {{ amended }};",
    "bahwa {{ reason }}, sehingga Lampiran Keputusan {{ regent }} Nomor {{ amends_number }} perlu diubah;",
    CONSIDERING[2],
)
DICTA = (
    ("KESATU", "Menetapkan pekerja rentan penerima {{ program_name }} Tahun {{ year }} sebanyak {{ recipients }} "
     "orang, sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan "
     "{{ regent }} ini."),
    ("KEDUA", "Penerima sebagaimana dimaksud dalam Diktum KESATU diberikan bantuan iuran program {{ package }} "
     "sebesar {{ monthly_contribution }} per orang per bulan, untuk periode {{ period }} selama {{ months }} "
     "bulan."),
    ("KETIGA", "Biaya bantuan iuran sebagaimana dimaksud dalam Diktum KEDUA seluruhnya sebesar "
     "{{ total_cost }}, yang bersumber dari:"),
)  # fmt: skip
DICTA_AMENDMENT = (
    ("KESATU", "Mengubah Lampiran {{ amended }}, dengan mengeluarkan {{ removed }} orang penerima dan "
     "menetapkan {{ added }} orang penerima pengganti, sehingga jumlah penerima menjadi {{ recipients }} orang, "
     "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan {{ regent }} "
     "ini."),
    DICTA[1],
    ("KETIGA", "Dengan perubahan sebagaimana dimaksud dalam Diktum KESATU, biaya bantuan iuran seluruhnya "
     "menjadi sebesar {{ total_cost }}, yang bersumber dari:"),
)  # fmt: skip
CHARGED = "Segala biaya yang timbul akibat ditetapkannya Keputusan {{ regent }} ini dibebankan pada {{ source_names }}."
UNCHANGED = (
    "Ketentuan lain dalam {{ amended }} yang tidak diubah dalam Keputusan {{ regent }} ini dinyatakan tetap berlaku."
)
IN_FORCE = "Keputusan {{ regent }} ini mulai berlaku pada tanggal ditetapkan."


def build() -> bytes:
    doc = Document()
    _page_and_font(doc)
    _draft_notice(doc)
    _letterhead(doc)
    _title(doc)
    _considering(doc)
    _legal_basis(doc)
    _decides(doc)
    _signature(doc)
    # Word caps a property at 255 characters; an amendment's full title can be longer.
    doc.core_properties.title = "Keputusan {{ regent }} Nomor {{ number }}"
    doc.core_properties.author = "Jaring"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_and_font(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15


def _para(doc, text: str = "", *, bold: bool = False, center: bool = False, size: int | None = None):
    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    return paragraph


def _tag(doc, tag: str) -> None:
    """A docxtpl paragraph tag (``{%p … %}``): the paragraph holding it disappears when rendered."""
    _para(doc, tag)


def _draft_notice(doc) -> None:
    """ "DRAF" above the letterhead, and in the page header of every page."""
    header = doc.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = header.add_run("{% if is_draft %}DRAF: belum ditetapkan{% endif %}")
    mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(9), RGBColor(0xC0, 0x00, 0x00)
    _tag(doc, "{%p if is_draft %}")
    paragraph = _para(doc, "DRAF", bold=True, center=True, size=16)
    paragraph.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    note = _para(doc, "Belum ditetapkan: nomor dan tanggal diisi pada saat penetapan.", center=True, size=10)
    note.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _tag(doc, "{%p endif %}")


def _letterhead(doc) -> None:
    _para(doc, "{{ government }}", bold=True, center=True, size=14)
    address = _para(doc, "{{ office_address }}", center=True, size=10)
    _rule(address)
    _para(doc)


def _rule(paragraph) -> None:
    """The letterhead's double rule: a bottom border on the address line."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "4"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _title(doc) -> None:
    _para(doc, "KEPUTUSAN {{ regent_title }}", bold=True, center=True)
    _para(doc, "NOMOR: {{ number }}", center=True)
    _para(doc)
    _para(doc, "TENTANG", bold=True, center=True)
    _para(doc)
    _para(doc, "{{ about_caps }}", bold=True, center=True)
    _para(doc)
    _para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, center=True)
    _para(doc)
    _para(doc, "{{ regent_title }},", bold=True, center=True)
    _para(doc)


def _hanging(doc, label: str, item: str, text: str, *, indent=TEXT):
    """``label : item text``, the text hanging at ``indent`` (a label or item may be empty)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.first_line_indent = indent, -indent
    for stop in (LABEL, ITEM, TEXT) if indent == TEXT else (LABEL, ITEM):
        fmt.tab_stops.add_tab_stop(stop)
    colon = ":" if label else ""
    paragraph.add_run(f"{label}\t{colon}\t{item}\t{text}" if indent == TEXT else f"{label}\t{colon}\t{text}")
    return paragraph


def _considering(doc) -> None:
    for tag, items in (("{%p if is_amendment %}", CONSIDERING_AMENDMENT), ("{%p else %}", CONSIDERING)):
        _tag(doc, tag)
        for letter, text in zip("abc", items, strict=True):
            _hanging(doc, "Menimbang" if letter == "a" else "", f"{letter}.", text)
    _tag(doc, "{%p endif %}")
    _para(doc)


def _legal_basis(doc) -> None:
    _tag(doc, "{%p for basis in legal_basis %}")
    label = "{% if loop.first %}Mengingat{% endif %}"
    paragraph = _hanging(doc, label, "{{ loop.index }}.", "{{ basis }}{{ '.' if loop.last else ';' }}")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("\t:\t", "\t{% if loop.first %}:{% endif %}\t", 1)
    _tag(doc, "{%p endfor %}")
    _para(doc)


def _decides(doc) -> None:
    _para(doc, "MEMUTUSKAN:", bold=True, center=True).paragraph_format.keep_with_next = True
    _para(doc).paragraph_format.keep_with_next = True
    enacts = _hanging(doc, "Menetapkan", "", "KEPUTUSAN {{ regent_title }} TENTANG {{ about_caps }}.", indent=ITEM)
    enacts.alignment = WD_ALIGN_PARAGRAPH.LEFT  # capitals justified over a wide label look spaced out
    for tag, dicta, last in (("{%p if is_amendment %}", DICTA_AMENDMENT, True), ("{%p else %}", DICTA, False)):
        _tag(doc, tag)
        for label, text in dicta:
            _hanging(doc, label, "", text, indent=ITEM)
        _sources(doc)
        _hanging(doc, "KEEMPAT", "", CHARGED, indent=ITEM)
        if last:
            _hanging(doc, "KELIMA", "", UNCHANGED, indent=ITEM)
            _hanging(doc, "KEENAM", "", IN_FORCE, indent=ITEM)
        else:
            _hanging(doc, "KELIMA", "", IN_FORCE, indent=ITEM)
    _tag(doc, "{%p endif %}")


def _sources(doc) -> None:
    """KETIGA's list: a. <source> untuk <n> orang sebesar <amount>; … the last ending with a full stop."""
    _tag(doc, "{%p for source in sources %}")
    _hanging(
        doc,
        "",
        "{{ source.letter }}.",
        "{{ source.name }} untuk {{ source.people }} orang sebesar {{ source.cost }}{{ '.' if loop.last else ';' }}",
    )
    _tag(doc, "{%p endfor %}")


def _signature(doc) -> None:
    """At the right, kept on one page: place and date, the office, room to sign, the name."""
    _para(doc).paragraph_format.keep_with_next = True
    for text, bold in (
        ("Ditetapkan di {{ signing_place }}", False),
        ("pada tanggal {{ signed_on }}", False),
        ("", False),
        ("{{ regent_title }},", True),
    ):
        paragraph = _para(doc, text, bold=bold)
        paragraph.paragraph_format.left_indent = SIGNATURE
        paragraph.paragraph_format.keep_with_next = True
    blank = _para(doc)
    blank.paragraph_format.left_indent = SIGNATURE
    blank.paragraph_format.keep_with_next = True
    blank.add_run().add_break(WD_BREAK.LINE)
    blank.add_run().add_break(WD_BREAK.LINE)
    name = _para(doc, "{{ regent_name_caps }}", bold=True)
    name.paragraph_format.left_indent = SIGNATURE


def main() -> None:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_bytes(build())
    print(f"ditulis: {TARGET}")


if __name__ == "__main__":
    main()
