"""The yearly report to the regent (Laporan tahunan kepada Bupati): the year in a few pages. No Django.

A regent reads sentences, not dashboards: the report opens with what happened in plain Bahasa Indonesia
(``sentences``), then gives the tables those sentences come from, so that every figure can be checked.
"""

from jaring.decrees.documents.words import date_in_words
from jaring.programs.rates.words import month_name

from . import sentences
from .cells import printed_at, share
from .model import Column, Document, Kind, Section, Signature, Table
from .yearly_data import DecreeLine, YearlyData, money_total


def yearly_document(data: YearlyData) -> Document:
    return Document(
        title=f"LAPORAN TAHUNAN KEPADA {data.regent_title.upper()}",
        subtitle=[f"BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN {data.regency.upper()}", f"TAHUN {data.year}"],
        facts=[
            ("Kepada", f"Yth. {data.regent_title}"),
            ("Perihal", f"Pelaksanaan bantuan iuran BPJS Ketenagakerjaan tahun {data.year}"),
            ("Keadaan sampai", month_name(data.month) if data.month else "belum ada kepesertaan"),
            ("Dicetak", f"{printed_at(data.printed_at)} oleh {data.printed_by}"),
        ],
        sections=[
            Section("Ringkasan", sentences.summary(data)),
            Section("Program dan penerima", table=_programs(data)),
            Section("Keputusan Bupati dan perubahannya", table=_decrees(data)),
            Section("Kepesertaan", table=_memberships(data)),
            Section("Iuran dan anggaran per sumber dana", table=_money(data)),
            Section("Cakupan per kecamatan", table=_regions(data)),
        ],
        footer=f"Laporan tahunan kepada {data.regent_title}, tahun {data.year}",
        signature=Signature(
            f"{data.signing_place}, {date_in_words(data.printed_at.date())}",
            ["Kepala Perangkat Daerah yang membidangi ketenagakerjaan,"],
        ),
        sheet=f"Laporan {data.year}",
    )


def _programs(data: YearlyData) -> Table:
    columns = [
        Column("Program", Kind.TEXT, 34),
        Column("Periode", Kind.TEXT, 20),
        Column("Terpilih", Kind.COUNT, 12),
        Column("Daftar tunggu", Kind.COUNT, 12),
        Column("Penerima menurut SK", Kind.COUNT, 14),
    ]
    rows = [[p.name, p.period, p.selected, p.waiting, p.recipients] for p in data.programs]
    return Table(columns, rows, empty=f"Tidak ada program tahun {data.year}.")


def _decrees(data: YearlyData) -> Table:
    columns = [
        Column("Program", Kind.TEXT, 24),
        Column("Keputusan", Kind.TEXT, 13),
        Column("Nomor", Kind.ID, 27),
        Column("Tanggal", Kind.DATE, 12),
        Column("Penerima", Kind.COUNT, 11),
        Column("Ditambah", Kind.COUNT, 11),
        Column("Dihapus", Kind.COUNT, 10),
    ]
    return Table(columns, [_decree_row(d) for d in data.decrees], empty="Belum ada keputusan yang ditetapkan.")


def _decree_row(d: DecreeLine) -> list:
    kind = "SK perubahan" if d.amendment else "SK Bupati"
    changes = [d.added, d.removed] if d.amendment else [None, None]
    return [d.program, kind, d.number, d.signed_on, d.recipients, *changes]


def _memberships(data: YearlyData) -> Table:
    month = month_name(data.month) if data.month else "akhir tahun"
    rows = [
        ["Terdaftar di BPJS Ketenagakerjaan (bernomor KPJ)", data.registered],
        [f"Berlaku pada {month}", data.members],
        [f"Terlindungi pada {month} (iuran lunas atau belum jatuh tempo)", data.covered],
        [f"Menunggak iuran pada {month}", data.arrears],
        *[[f"Berakhir tahun {data.year}: {cause.lower()}", n] for cause, n in data.ends.items()],
        ["Pengganti dari daftar tunggu (SK perubahan)", data.replacements],
    ]
    return Table([Column("Uraian", Kind.TEXT, 34), Column("Jumlah", Kind.COUNT, 20)], rows)


def _money(data: YearlyData) -> Table:
    columns = [
        Column("Sumber dana", Kind.TEXT, 26),
        Column("Alokasi", Kind.MONEY, 18),
        Column("Ditagihkan", Kind.MONEY, 18),
        Column("Dibayar", Kind.MONEY, 18),
        Column("Tunggakan", Kind.MONEY, 17),
        Column("Terserap", Kind.PERCENT, 11),
    ]
    rows = [[m.source, m.allocated, m.billed, m.paid, m.outstanding, share(m.paid, m.allocated)] for m in data.money]
    total = money_total(data.money)
    total_row = ["Jumlah", total.allocated, total.billed, total.paid, total.outstanding,
                 share(total.paid, total.allocated)]  # fmt: skip
    return Table(columns, rows, total_row if rows else None, empty="Tidak ada sumber dana.")


def _regions(data: YearlyData) -> Table:
    columns = [
        Column("Kecamatan", Kind.TEXT, 34),
        Column("Kepesertaan berlaku", Kind.COUNT, 20),
        Column("Terlindungi", Kind.COUNT, 16),
        Column("Menunggak", Kind.COUNT, 16),
    ]
    rows = [[r.name, r.members, r.covered, r.arrears] for r in data.regions]
    total = ["Jumlah", *(sum(r[i] for r in rows) for i in (1, 2, 3))] if rows else None
    return Table(columns, rows, total, empty="Belum ada kepesertaan.")
