"""The regent's decree (Keputusan Bupati) as a Word document, from a docxtpl template. No Django.

Jaring ships ``templates/sk_bupati.docx`` (built by ``python -m jaring.decrees.documents.build_template``);
a regency may upload its own. Either template is rendered with the variables below, written as Jinja tags
in the document: ``{{ total_cost }}`` for a value, ``{%p if is_amendment %}`` … ``{%p else %}`` …
``{%p endif %}`` around whole paragraphs (each such tag alone in its own paragraph), ``{%p for source in
sources %}`` … ``{%p endfor %}`` to repeat a paragraph. Values are plain text: no tag may be added by data.

Template variables (all text unless said otherwise)

- ``government``: the letterhead's name, "PEMERINTAH KABUPATEN TRENGGALEK"; ``government_name`` the same in a
  sentence, "Pemerintah Kabupaten Trenggalek".
- ``office_address``: the letterhead's address line.
- ``regent_title``: "BUPATI TRENGGALEK"; ``regent``: "Bupati Trenggalek", as named inside a sentence.
- ``regent_name``: the regent's name as stored; ``regent_name_caps``: in capitals, for the signature.
- ``signing_place``: "Trenggalek".
- ``number``: the decree's number, or a row of dots on a draft. ``signed_on``: "5 Januari 2026", or "" on a
  draft.
- ``is_draft``, ``is_amendment``: true or false, for ``{%p if … %}``.
- ``title``: what the decree (on an amendment, the decree amended) is about, "Penetapan Penerima …";
  ``title_caps`` in capitals.
- ``about``: what follows "tentang": the title, or on an amendment "Perubahan atas Keputusan Bupati
  Trenggalek Nomor … tentang …"; ``about_caps`` in capitals.
- ``legal_basis``: the list for "Mengingat", in order; on an amendment the decree amended is its last item.
  In a loop, ``loop.index`` numbers the items and ``loop.last`` marks the last.
- ``program_name``, ``year`` (a number), ``period`` ("Januari–Desember 2026"), ``package`` ("Jaminan
  Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)").
- ``months``: "12 (dua belas)".
- ``monthly_contribution``: per person a month, "Rp16.800,00 (enam belas ribu delapan ratus rupiah)".
- ``recipients``: "10.000 (sepuluh ribu)"; ``recipients_figure``: "10.000".
- ``total_cost``: "Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)".
- ``sources``: the funding sources, each with ``source.letter`` ("a"), ``source.name``, ``source.people``
  ("8.000 (delapan ribu)") and ``source.cost`` (in figures and words as above).
- ``source_names``: "APBD Kabupaten Trenggalek, APBD Provinsi Jawa Timur, dan DBHCHT".
- Amendments only (empty on an original): ``amends_number``, ``amends_signed_on`` ("5 Januari 2026"),
  ``amended`` ("Keputusan Bupati Trenggalek Nomor … tanggal … tentang …"), ``added`` and ``removed``
  ("5 (lima)"), ``reason`` (why, written to follow "bahwa").

A template that names a variable not in this list is refused (``TemplateInvalid``), so that a typing
mistake in an uploaded template does not print an empty space in a signed decree.
"""

import io
from pathlib import Path
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from jaring.programs.rates.words import number

from . import titles
from .contract import DecreeText, SourceLine
from .words import count_in_words, date_in_words, joined, rupiah_in_words

TEMPLATE = Path(__file__).resolve().parent / "templates" / "sk_bupati.docx"


class TemplateInvalid(ValueError):
    """A Word template that cannot be rendered; the message is in Bahasa Indonesia."""


def render_decree_docx(text: DecreeText, template: bytes | None = None) -> bytes:
    """The decree as .docx bytes, from the regency's ``template`` or else Jaring's own."""
    try:
        document = DocxTemplate(io.BytesIO(template) if template is not None else TEMPLATE)
        # Sandboxed: an uploaded template may not reach Python objects through its tags.
        document.render(decree_context(text), SandboxedEnvironment(undefined=StrictUndefined), autoescape=True)
    except TemplateError as exc:
        raise TemplateInvalid(f"Templat SK tidak bisa dipakai: {exc.message or exc}") from exc
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:  # not a .docx, or a broken one
        raise TemplateInvalid(f"Templat SK bukan berkas Word (.docx) yang sah: {exc}") from exc
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def decree_context(text: DecreeText) -> dict:
    """Every template variable listed in this module's docstring."""
    return {
        "government": text.government,
        "government_name": titles.title_case(text.government),
        "office_address": text.office_address,
        "regent_title": text.regent_title,
        "regent": titles.regent(text),
        "regent_name": text.regent_name,
        "regent_name_caps": text.regent_name.upper(),
        "signing_place": text.signing_place,
        "number": titles.number(text),
        "signed_on": date_in_words(text.signed_on),
        "is_draft": text.is_draft,
        "is_amendment": text.is_amendment,
        "title": titles.subject(text),
        "title_caps": titles.subject(text).upper(),
        "about": titles.about(text),
        "about_caps": titles.about(text).upper(),
        "legal_basis": _legal_basis(text),
        **_program(text),
        **_amendment(text),
    }


def _legal_basis(text: DecreeText) -> list[str]:
    """Mengingat: the caller's list, and on an amendment the decree amended as its last item."""
    bases = [basis.strip().rstrip(";.") for basis in text.legal_basis]
    return [*bases, titles.amended_citation(text)] if text.is_amendment else bases


def _program(text: DecreeText) -> dict:
    return {
        "program_name": text.program_name,
        "year": text.year,
        "period": text.period,
        "package": text.package,
        "months": count_in_words(text.months),
        "monthly_contribution": rupiah_in_words(text.monthly_contribution),
        "recipients": count_in_words(text.recipients),
        "recipients_figure": number(text.recipients),
        "total_cost": rupiah_in_words(text.total_cost),
        "sources": [
            {
                "letter": chr(ord("a") + i),
                "name": s.name,
                "people": count_in_words(s.people),
                "cost": rupiah_in_words(s.cost),
            }
            for i, s in enumerate(text.sources)
        ],
        "source_names": joined([s.name for s in text.sources]),
    }


def _source(index: int, source: SourceLine) -> dict:
    people, cost = count_in_words(source.people), rupiah_in_words(source.cost)
    return {"letter": chr(ord("a") + index), "name": source.name, "people": people, "cost": cost}


def _amendment(text: DecreeText) -> dict:
    if not text.is_amendment:
        empty = ("amends_number", "amends_signed_on", "amended", "added", "removed", "reason")
        return dict.fromkeys(empty, "")
    return {
        "amends_number": text.amends_number,
        "amends_signed_on": date_in_words(text.amends_signed_on),
        "amended": titles.amended_citation(text),
        "added": count_in_words(text.added),
        "removed": count_in_words(text.removed),
        "reason": text.reason.strip().rstrip("."),
    }
