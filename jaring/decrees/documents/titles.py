"""How a decree names itself and the decree it amends, shared by the Word decree and its annex. No Django."""

from .contract import DecreeText
from .words import date_in_words

#: Where a draft's number and date will be written by hand or filled in on finalizing.
BLANK_NUMBER = "...................................."

#: Words kept in lower case inside a title-cased name ("Bupati Pangkajene dan Kepulauan").
_LOWER = frozenset({"dan", "di", "ke", "atas", "tentang"})


def regent(text: DecreeText) -> str:
    """``BUPATI TRENGGALEK`` → ``Bupati Trenggalek``, as the office is named inside a sentence."""
    return title_case(text.regent_title)


def title_case(words: str) -> str:
    parts = words.split()
    return " ".join(p if i and p.lower() in _LOWER else p.capitalize() for i, p in enumerate(parts))


def number(text: DecreeText) -> str:
    """The decree's number, or dots on a draft that has none yet."""
    return text.number or BLANK_NUMBER


def subject(text: DecreeText) -> str:
    """The program's title: an original decree's own, or that of the decree an amendment amends."""
    if text.is_amendment and text.amends_title:
        return text.amends_title
    return text.title


def about(text: DecreeText) -> str:
    """What follows "tentang": the program's title, or for an amendment the decree it amends.

    UU 12/2011 Lampiran II (teknik penyusunan): an amending act is titled "Perubahan atas <act amended>".
    """
    if not text.is_amendment:
        return text.title
    return f"Perubahan atas Keputusan {regent(text)} Nomor {text.amends_number} tentang {subject(text)}"


def amended_citation(text: DecreeText) -> str:
    """ "Keputusan Bupati Trenggalek Nomor 188/12/2026 tanggal 5 Januari 2026 tentang …": the decree amended,
    as Mengingat and the first diktum cite it."""
    signed = f" tanggal {date_in_words(text.amends_signed_on)}" if text.amends_signed_on else ""
    return f"Keputusan {regent(text)} Nomor {text.amends_number}{signed} tentang {subject(text)}"
