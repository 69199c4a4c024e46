"""What a decree document is made of, as plain data: the decree's text and its annex rows. No Django.

``jaring.decrees.selectors`` builds these from the database (already scoped and, for the public version,
already masked); the builders in this package turn them into .docx, .xlsx and PDF.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One funding source of the decree: its name, how many people it pays for, and what that costs."""

    name: str
    people: int
    cost: int  # whole rupiah for the program's period


@dataclass(frozen=True, slots=True)
class DecreeText:
    government: str  # "PEMERINTAH KABUPATEN TRENGGALEK"
    office_address: str
    regent_title: str  # "BUPATI TRENGGALEK"
    regent_name: str
    signing_place: str
    title: str  # "Penetapan Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan ... Tahun 2026"
    number: str  # "" on a draft
    signed_on: date | None  # None on a draft
    is_amendment: bool
    amends_number: str  # the decree amended, "" on an original
    amends_signed_on: date | None
    legal_basis: list[str]  # "Mengingat", in order
    program_name: str
    year: int
    period: str  # "Januari–Desember 2026"
    months: int
    package: str  # "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"
    monthly_contribution: int  # per person, first month, whole rupiah
    recipients: int  # on an amendment, the number after it
    total_cost: int  # whole rupiah; on an amendment, the total after it
    sources: list[SourceLine] = field(default_factory=list)
    added: int = 0  # amendments: replacements added
    removed: int = 0  # amendments: recipients taken off
    reason: str = ""  # amendments: why, written to follow "bahwa" ("tiga penerima meninggal dunia")
    is_draft: bool = True
    # Amendments: the title of the decree amended. The builders write the amendment's own title,
    # "Perubahan atas Keputusan Bupati … Nomor <amends_number> tentang <amends_title>"; when empty,
    # ``title`` is taken to be the amended decree's title.
    amends_title: str = ""


@dataclass(frozen=True, slots=True)
class AnnexRow:
    row: int
    full_name: str
    nik: str  # full, or masked for the public version
    birth_date: date | None
    address: str  # street, RT/RW
    village: str  # "Desa Besuki" / "Kelurahan Sumbergedong"
    village_code: str
    district: str  # kecamatan name
    district_code: str
    source: str  # funding source name
    cost: int
    change: str = "listed"  # listed | added | removed (amendments)
    reason: str = ""  # why a row was removed or added
