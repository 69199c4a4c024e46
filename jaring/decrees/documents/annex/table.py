"""What the annex table holds, whatever it is printed with: its columns, its rows and their subtotals.

The .xlsx and the PDF are two printings of the same table, so both take their columns, subtotal rows and
heading from here and differ only in how they draw them.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from jaring.decrees.lifecycle import RecipientChange
from jaring.programs.rates.words import number

from .. import titles
from ..contract import AnnexRow, DecreeText
from ..words import date_in_words


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    units: int  # PDF: width in 8 px grid units (see pages.py); the .xlsx scales it to character widths


_BIRTH = Column("birth_date", "Tanggal lahir", 9)
_NOTE = Column("note", "Keterangan", 16)


def columns(*, public: bool, amendment: bool) -> list[Column]:
    """The annex's columns, 130 grid units wide. The public version has no birth date (UU PDP 27/2022: a
    published list needs no more than tells two people apart); an amendment says per row what changed and
    why, in a column taken from the name, address, village and source columns."""
    name, address, village, source = 23, 28, 19, 20  # fit "JL. RAYA BENDUNGAN RT 003 RW 004", "APBD Kabupaten …"
    if public:
        name, address = name + 4, address + 5
    if amendment:
        name, address, village, source = name - 3, address - 7, village - 2, source - 4
    return [
        Column("row", "No.", 5),
        Column("full_name", "Nama", name),
        Column("nik", "NIK", 15),
        *([] if public else [_BIRTH]),
        Column("address", "Alamat", address),
        Column("village", "Desa/Kelurahan", village),
        Column("district", "Kecamatan", 11),
        Column("source", "Sumber dana", source),
        *([_NOTE] if amendment else []),
    ]


CHANGE_WORDS = {RecipientChange.ADDED: "Ditambah", RecipientChange.REMOVED: "Dihapus"}


def note(row: AnnexRow) -> str:
    """ "Dihapus: meninggal dunia", "Ditambah: pengganti No. 12"; nothing on an unchanged row."""
    word = CHANGE_WORDS.get(row.change)
    if word is None:
        return ""
    return f"{word}: {row.reason}" if row.reason else word


def cell(row: AnnexRow, key: str) -> str | int | date | None:
    """One cell's value, typed: the .xlsx writes numbers and dates as such, the PDF formats them."""
    if key == "row":
        return row.row
    if key == "note":
        return note(row)
    return getattr(row, key)


def printed(value: str | int | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table: a person (``row`` set) or a subtotal/total (``label`` set)."""

    kind: str  # person | village | district | total
    row: AnnexRow | None = None
    label: str = ""


def entries(rows: Iterable[AnnexRow]) -> Iterator[Entry]:
    """Every person in the caller's order, a subtotal after each desa and each kecamatan, and the total.

    The caller sorts by kecamatan, desa, name; a group ends where the kecamatan or desa code changes.
    """
    village: list[AnnexRow] = []
    district: list[AnnexRow] = []
    every: list[AnnexRow] = []
    for row in rows:
        if village and row.village_code != village[0].village_code:
            yield _subtotal("village", village[0].village, village)
            village = []
        if district and row.district_code != district[0].district_code:
            yield _subtotal("district", f"Kecamatan {district[0].district}", district)
            district = []
        village.append(row)
        district.append(row)
        every.append(row)
        yield Entry("person", row=row)
    if village:
        yield _subtotal("village", village[0].village, village)
        yield _subtotal("district", f"Kecamatan {district[0].district}", district)
    yield _subtotal("total", "seluruhnya", every)


def _subtotal(kind: str, name: str, rows: list[AnnexRow]) -> Entry:
    return Entry(kind, label=f"Jumlah {name}: {people(rows)}")


def people(rows: list[AnnexRow]) -> str:
    """ "70 orang", and on an amendment "70 orang (2 ditambah, 1 dihapus)": removed rows are not counted."""
    added = sum(r.change == RecipientChange.ADDED for r in rows)
    removed = sum(r.change == RecipientChange.REMOVED for r in rows)
    count = f"{number(len(rows) - removed)} orang"
    changes = [f"{number(n)} {word}" for n, word in ((added, "ditambah"), (removed, "dihapus")) if n]
    return f"{count} ({', '.join(changes)})" if changes else count


def heading(text: DecreeText) -> list[tuple[str, str]]:
    """The annex's first-page heading as (label, value) lines: LAMPIRAN, NOMOR, TANGGAL, TENTANG."""
    return [
        ("LAMPIRAN", f"KEPUTUSAN {text.regent_title.upper()}"),
        ("NOMOR", titles.number(text)),
        ("TANGGAL", date_in_words(text.signed_on)),
        ("TENTANG", titles.about(text).upper()),
    ]


def caption(text: DecreeText, *, public: bool) -> list[str]:
    """Lines above the table: what it lists, and on drafts and the public version, what kind of copy it is."""
    lines = ["DAFTAR NAMA DAN ALAMAT PENERIMA", f"{text.program_name.upper()} PERIODE {text.period.upper()}"]
    if text.is_draft:
        lines.insert(0, "DRAF: belum ditetapkan")
    if public:
        lines.append(
            "Versi publik: NIK disamarkan dan tanggal lahir tidak dicantumkan "
            "(UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi)"
        )
    return lines
