"""The recipient list a village office keeps and signs: who the program pays for in the desa, with their KPJ,
membership and whether this month's contribution is paid. No Django.

NIKs arrive masked (``3503********0001``) whoever prints the list: the paper stays in a village office where
many people see it (UU 27/2022), and the masked number still tells two namesakes apart.
"""

from dataclasses import dataclass
from datetime import date, datetime

from jaring.decrees.documents.words import date_in_words, joined
from jaring.programs.rates.words import month_name, number

from .cells import printed_at
from .model import Column, Document, Kind, Section, Signature, Table

PAID, UNPAID, NOT_BILLED = "Lunas", "Belum dibayar", "Belum ditagih"


@dataclass(frozen=True, slots=True)
class Recipient:
    nik: str  # masked
    name: str
    address: str  # street, RT/RW
    occupation: str
    source: str  # the funding source's name
    kpj: str
    status: str  # the membership's status in words; "" before registration with BPJS
    start: date | None
    paid: bool | None  # this month's invoice line is paid; None: not billed this month


@dataclass(frozen=True, slots=True)
class VillageList:
    regency: str  # "Kabupaten Trenggalek"
    district: str  # "Panggul"
    village: str  # "Besuki"
    is_kelurahan: bool
    program: str
    decrees: list[tuple[str, date | None]]  # (number, date signed): the decree and the amendment in force
    month: date  # whose contributions the "paid" column tells
    printed_at: datetime  # local time
    printed_by: str
    recipients: list[Recipient]

    @property
    def village_title(self) -> str:
        return f"{'Kelurahan' if self.is_kelurahan else 'Desa'} {self.village}"

    @property
    def head_title(self) -> str:
        """Who signs for the village: the lurah of a kelurahan, the kepala desa of a desa."""
        return f"Lurah {self.village}" if self.is_kelurahan else f"Kepala Desa {self.village}"


COLUMNS = [
    Column("No.", Kind.COUNT, 5),
    Column("NIK", Kind.ID, 17),
    Column("Nama", Kind.TEXT, 24),
    Column("Alamat", Kind.TEXT, 24),
    Column("Pekerjaan", Kind.TEXT, 15),
    Column("Sumber dana", Kind.TEXT, 18),
    Column("KPJ", Kind.ID, 13),
    Column("Status", Kind.TEXT, 11),
    Column("Mulai", Kind.DATE, 11),
]


def paid_word(paid: bool | None) -> str:
    return NOT_BILLED if paid is None else (PAID if paid else UNPAID)


def decree_words(decrees: list[tuple[str, date | None]]) -> str:
    """ "188.45/27/2026 tanggal 20 Desember 2025, diubah dengan 188.45/30/2026 tanggal 10 Maret 2026"."""
    if not decrees:
        return "belum ada SK final"
    words = [f"{n} tanggal {date_in_words(d)}" if d else n for n, d in decrees]
    return words[0] + (f", diubah dengan {joined(words[1:])}" if len(words) > 1 else "")


def village_list_document(data: VillageList) -> Document:
    month = month_name(data.month)
    paid = sum(r.paid is True for r in data.recipients)
    table = Table(
        [*COLUMNS, Column(f"Iuran {month}", Kind.TEXT, 12)],
        [_row(n, r) for n, r in enumerate(data.recipients, start=1)],
        empty="Tidak ada penerima di desa/kelurahan ini.",
    )
    summary = (
        f"Jumlah penerima: {number(len(data.recipients))} orang; iuran {month} sudah dibayar untuk "
        f"{number(paid)} orang."
    )
    section = Section(
        "Daftar penerima",
        [summary],
        table,
        notes=["NIK disamarkan sesuai UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."],
    )
    return Document(
        title="DAFTAR PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN",
        subtitle=[data.program.upper(), data.village_title.upper()],
        facts=_facts(data),
        sections=[section],
        footer=f"Daftar penerima {data.village_title}, {data.program}",
        signature=Signature(
            f"{data.village}, {date_in_words(data.printed_at.date())}", ["Mengetahui,", data.head_title]
        ),
        landscape=True,
        sheet="Penerima",
    )


def _facts(data: VillageList) -> list[tuple[str, str]]:
    return [
        ("Kabupaten/Kota", data.regency),
        ("Kecamatan", data.district),
        ("Desa/Kelurahan", data.village_title),
        ("Program", data.program),
        ("Nomor SK", decree_words(data.decrees)),
        ("Dicetak", f"{printed_at(data.printed_at)} oleh {data.printed_by}"),
    ]


def _row(n: int, r: Recipient) -> list:
    return [n, r.nik, r.name, r.address, r.occupation, r.source, r.kpj, r.status, r.start, paid_word(r.paid)]
