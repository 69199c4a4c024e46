"""Every verification finding in words a verifier reads (Bahasa Indonesia), keyed by its reason code.

Engine codes (matching against the civil registry) and rule codes (duplicates, coverage, eligibility) live in
one table so that a reason stored today still reads the same way on the review page tomorrow.
"""

from .engine.contract import Reason

FIELD_NAMES = {
    "nik": "NIK",
    "full_name": "nama",
    "birth_date": "tanggal lahir",
    "sex": "jenis kelamin",
    "village": "desa/kelurahan",
}

TEXTS: dict[str, str] = {
    # Matching (engine)
    "nik_missing": "NIK tidak diisi.",
    "nik_invalid": "NIK {ours} tidak sah (bukan 16 digit yang benar).",
    "nik_not_found": "NIK {ours} tidak ada di data kependudukan.",
    "nik_other_person": "NIK {ours} milik orang lain di data kependudukan ({registry}).",
    "nik_typo": "NIK {ours} salah ketik satu digit; NIK di data kependudukan {registry}.",
    "nik_transposed": "Dua digit NIK {ours} tertukar; NIK di data kependudukan {registry}.",
    "nik_excel": "NIK {ours} rusak oleh Excel (digit terakhir jadi 0); NIK di data kependudukan {registry}.",
    "nik_short": "NIK {ours} kurang satu digit; NIK di data kependudukan {registry}.",
    "nik_excel_scientific": (
        "NIK {ours} rusak oleh Excel (ditulis sebagai angka ilmiah); NIK di data kependudukan {registry}."
    ),
    "nik_found_by_identity": "NIK {registry} ditemukan dari nama, tanggal lahir dan wilayah.",
    "ambiguous": "Ada beberapa orang di data kependudukan yang sama mungkinnya; periksa manual.",
    "full_name_differs": "Nama berbeda: usulan {ours}, data kependudukan {registry}.",
    "name_spelling": "Nama hanya beda ejaan atau gelar: usulan {ours}, data kependudukan {registry}.",
    "birth_date_differs": "Tanggal lahir berbeda: usulan {ours}, data kependudukan {registry}.",
    "birth_date_swapped": "Tanggal dan bulan lahir tertukar: usulan {ours}, data kependudukan {registry}.",
    "sex_differs": "Jenis kelamin berbeda: usulan {ours}, data kependudukan {registry}.",
    "village_differs": "Desa berbeda: usulan {ours}, data kependudukan {registry}.",
    "deceased": "Meninggal dunia menurut data kependudukan (tanggal {registry}).",
    "out_of_region": "Berdomisili di luar kabupaten menurut data kependudukan ({registry}).",
    # Remote verifier (Dukcapil web service) for candidates the local extract lacks
    "remote_found": "Tidak ada di ekstrak lokal, tetapi ditemukan oleh layanan verifikasi Dukcapil.",
    "remote_not_found": "Tidak ditemukan oleh layanan verifikasi Dukcapil.",
    "remote_deceased": "Meninggal dunia menurut layanan verifikasi Dukcapil.",
    "remote_name_differs": "Nama tidak cocok menurut layanan verifikasi Dukcapil.",
    "remote_birth_date_differs": "Tanggal lahir tidak cocok menurut layanan verifikasi Dukcapil.",
    "remote_unavailable": "Belum terverifikasi: layanan verifikasi Dukcapil tidak tersedia ({registry}). "
    "Verifikasi dijalankan ulang nanti.",
    # Duplicates (rules/duplicates.py)
    "duplicate_domicile": "Orang yang sama diusulkan lebih dari sekali; yang dipertahankan usulan {ours} dari "
    "{registry}, karena desanya sesuai domisili di data kependudukan.",
    "duplicate_village_proposal": "Orang yang sama diusulkan lebih dari sekali; yang dipertahankan usulan {ours} "
    "dari {registry}, karena usulan desa didahulukan atas ekstrak data sasaran.",
    "duplicate_earliest": "Orang yang sama diusulkan lebih dari sekali; yang dipertahankan usulan {ours} dari "
    "{registry}, karena diusulkan lebih dulu.",
    # Coverage (rules/coverage.py)
    "already_covered": "Sudah menjadi peserta aktif BPJS Ketenagakerjaan yang dibayar {ours} sejak {registry}.",
    # Eligibility (rules/eligibility.py)
    "age_unknown": "Tanggal lahir tidak diketahui, sehingga batas usia program ({registry}) tidak bisa diperiksa.",
    "age_below": "Usia {ours} tahun, di bawah batas usia program ({registry}).",
    "age_above": "Usia {ours} tahun, di atas batas usia program ({registry}).",
    "domicile_outside": "Berdomisili di luar kabupaten program ({registry}).",
    "civil_servant": "Pekerjaan menurut data kependudukan {registry}: ASN, TNI dan Polri tidak termasuk sasaran.",
    "wage_earner": "Pekerjaan menurut data kependudukan {registry}: pekerja penerima upah tidak termasuk sasaran.",
    "wage_earner_coverage": "Terdaftar sebagai peserta penerima upah (PU) dari pemberi kerja sejak {registry}.",
    "occupation_excluded": "Pekerjaan {ours} tidak termasuk sasaran program ini.",
    "occupation_missing": (
        "Pekerjaan tidak diisi, padahal program ini hanya untuk pekerjaan tertentu; minta desa melengkapi."
    ),
    "group_required": "Tidak termasuk kelompok sasaran program ini ({registry}).",
    "decile_unknown": "Desil kesejahteraan tidak diketahui; program ini hanya untuk desil {registry} ke bawah.",
    "decile_above": "Desil kesejahteraan {ours}, di atas batas program (desil {registry}).",
    # Registration with BPJS (enrollment): BPJS rejected a recipient; the verifier checks the data again
    "bpjs_rejected": "Ditolak BPJS Ketenagakerjaan: {ours}",
}

#: Said for a BPJS rejection whose file gave no reason.
BPJS_NO_REASON = "tanpa alasan tertulis"


def reason_text(reason: Reason, labels: dict[str, str] | None = None) -> str:
    """The sentence for one reason; ``labels`` may turn codes (a village code) into names for display."""
    labels = labels or {}
    template = TEXTS.get(reason.code, reason.code)
    return template.format(
        ours=labels.get(reason.ours, reason.ours) or "-",
        registry=labels.get(reason.registry, reason.registry) or "-",
        field=FIELD_NAMES.get(reason.field, reason.field),
    )
