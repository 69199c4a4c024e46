"""The yearly report's summary in plain Bahasa Indonesia, one sentence per thing a regent asks. No Django.

"Sampai Desember 2026, 3.009 pekerja rentan terlindungi …": every figure in these sentences is also in one of
the report's tables.
"""

from jaring.decrees.documents.words import date_in_words, joined
from jaring.programs.rates.words import month_name, number, rupiah

from .cells import percent, share
from .yearly_data import DecreeLine, YearlyData, money_total

#: ProgramCategory values as a sentence names the people (``pekerja rentan terlindungi``).
CATEGORY_WORDS = {
    "pekerja_rentan": "pekerja rentan",
    "perangkat_desa": "perangkat desa",
    "non_asn": "pegawai non-ASN",
    "pemilu_ad_hoc": "petugas pemilu ad hoc",
}


def summary(data: YearlyData) -> list[str]:
    found = [
        _coverage(data),
        _decrees(data),
        _selection(data),
        _registration(data),
        _ends(data),
        _money(data),
        _regions(data),
    ]
    return [sentence for sentence in found if sentence]


def _people(data: YearlyData) -> str:
    """Who is covered, in words: "pekerja rentan", or "pekerja" when the programs cover several kinds."""
    kinds = {p.category for p in data.programs} | {k for k, n in data.by_category.items() if n}
    return CATEGORY_WORDS.get(kinds.pop(), "pekerja") if len(kinds) == 1 else "pekerja"


def _coverage(data: YearlyData) -> str:
    if not data.programs:
        return f"Pada tahun {data.year}, {data.regency} belum memiliki program bantuan iuran."
    if data.month is None or not data.members:
        return f"Sampai laporan ini dicetak, belum ada kepesertaan yang berlaku pada tahun {data.year}."
    kinds = [f"{number(n)} {CATEGORY_WORDS.get(k, k)}" for k, n in data.by_category.items() if n]
    detail = f" ({joined(kinds)})" if len(kinds) > 1 else ""
    return (
        f"Sampai {month_name(data.month)}, {number(data.covered)} {_people(data)} terlindungi Jaminan Kecelakaan "
        f"Kerja dan Jaminan Kematian BPJS Ketenagakerjaan dengan iuran yang dibayar pemerintah daerah, dari "
        f"{number(data.members)} kepesertaan yang berlaku{detail}; {number(data.arrears)} kepesertaan menunggak iuran."
    )


def _decree_words(line: DecreeLine) -> str:
    day = f" tanggal {date_in_words(line.signed_on)}" if line.signed_on else ""
    return f"Nomor {line.number}{day}"


def _decrees(data: YearlyData) -> str:
    originals = [d for d in data.decrees if not d.amendment]
    if not originals:
        return "Penerima bantuan iuran belum ditetapkan dengan Keputusan Bupati."
    amendments = [d for d in data.decrees if d.amendment]
    first = (
        f"Penerima ditetapkan dengan Keputusan {data.regent_title} "
        f"{joined([_decree_words(d) for d in originals])} untuk {number(sum(d.recipients for d in originals))} orang"
    )
    if not amendments:
        return first + "."
    changed = f"{number(len(amendments))} kali ({joined([_decree_words(d) for d in amendments])})"
    return f"{first}, dan diubah {changed}."


def _selection(data: YearlyData) -> str:
    selected = sum(p.selected for p in data.programs)
    if not selected:
        return ""
    waiting = sum(p.waiting for p in data.programs)
    return (
        f"Dari seleksi yang disetujui, {number(selected)} orang terpilih dalam batas anggaran dan "
        f"{number(waiting)} orang masuk daftar tunggu."
    )


def _registration(data: YearlyData) -> str:
    if not data.registered:
        return ""
    return f"Sebanyak {number(data.registered)} penerima telah terdaftar di BPJS Ketenagakerjaan dengan nomor KPJ."


def _ends(data: YearlyData) -> str:
    ended = sum(data.ends.values())
    if not ended:
        return f"Sepanjang {data.year} tidak ada kepesertaan yang berakhir."
    causes = joined([f"{number(n)} {cause.lower()}" for cause, n in data.ends.items()])
    sentence = f"Sepanjang {data.year}, {number(ended)} kepesertaan berakhir: {causes}"
    if data.replacements:
        sentence += f"; {number(data.replacements)} penerima pengganti ditetapkan dari daftar tunggu"
    return sentence + "."


def _money(data: YearlyData) -> str:
    if not data.money:
        return ""
    total = money_total(data.money)
    absorbed = share(total.paid, total.allocated)
    of_allocation = f" ({percent(absorbed)} dari alokasi {rupiah(total.allocated)})" if absorbed is not None else ""
    return (
        f"Iuran yang ditagihkan sebesar {rupiah(total.billed)} dan telah dibayar {rupiah(total.paid)}"
        f"{of_allocation}; tunggakan {rupiah(total.outstanding)}."
    )


def _regions(data: YearlyData) -> str:
    regions = [r for r in data.regions if r.members]
    if len(regions) < 2:
        return ""
    most = max(regions, key=lambda r: r.members)
    least = min(regions, key=lambda r: r.members)
    return (
        f"Kepesertaan terbanyak di Kecamatan {most.name} ({number(most.members)}) dan paling sedikit di Kecamatan "
        f"{least.name} ({number(least.members)})."
    )
