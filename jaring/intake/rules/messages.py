"""Every issue a row can have, with its severity and its message in Bahasa Indonesia.

One table, so that the wording stays consistent and a native speaker can review it in one place; the checks
name an issue by its code and fill in the values.
"""

import dataclasses
from typing import Literal

Severity = Literal["error", "warning"]

#: Issue code → severity and message. One table, so the wording stays consistent and reviewable in one place.
# fmt: off
MESSAGES: dict[str, tuple[Severity, str]] = {
    "excel_number": ("error", "{label} rusak karena disimpan sebagai angka di Excel: digit terakhirnya berubah. "
                     "Ketik ulang {label} dari {source} dengan format sel Teks."),
    "excel_scientific": ("error", "{label} rusak oleh Excel (tertulis {typed}): digit terakhirnya hilang. "
                         "Ketik ulang {label} dari {source} dengan format sel Teks."),
    "excel_fixed": ("warning", "{label} diperbaiki dari format Excel ({typed} → {value})."),
    "excel_last_digit": ("warning", "{label} diketik sebagai angka di Excel, yang hanya menyimpan 15 digit: digit "
                         "terakhirnya mungkin berubah menjadi 0. Cocokkan dengan {source}; bila berbeda, ketik ulang "
                         "dengan format sel Teks."),
    "not_digits": ("error", "{label} hanya boleh berisi angka (tertulis: {typed})."),
    "fifteen_digits": ("error", "{label} hanya 15 digit ({typed}): satu digit hilang dan tidak bisa ditebak. "
                       "Salin ulang dari {source}."),
    "length": ("error", "{label} harus 16 digit; tertulis {count} digit ({typed})."),
    "nik_missing": ("error", "NIK wajib diisi."),
    "nik_province": ("error", "Kode provinsi di NIK ({number}) tidak dikenal."),
    "nik_wilayah": ("error", "Kode kabupaten dan kecamatan di NIK tidak boleh 00."),
    "nik_birth_date": ("error", "Tanggal lahir di NIK ({number}) tidak ada di kalender."),
    "nik_serial": ("error", "Nomor urut NIK (4 digit terakhir) tidak boleh 0000."),
    "nik_invalid": ("error", "NIK tidak sah: {value}"),
    "nik_other_regency": ("warning", "NIK diterbitkan di luar kabupaten ini (kode {number}). Bisa jadi pendatang: "
                          "pastikan ia berdomisili di desa ini."),
    "nik_birth_date_mismatch": ("warning", "Tanggal lahir di NIK ({number}) berbeda dengan tanggal lahir yang diisi "
                                "({value}). Boleh terjadi, tetapi periksa kembali."),
    "nik_sex_mismatch": ("warning", "Jenis kelamin di NIK ({number}) berbeda dengan yang diisi ({value}). "
                         "Di NIK, tanggal lahir perempuan ditambah 40."),
    "kk_province": ("warning", "Kode provinsi di nomor KK ({number}) tidak dikenal."),
    "kk_date": ("warning", "Tanggal pencatatan di nomor KK ({number}) tidak masuk akal; periksa kembali."),
    "kk_equals_nik": ("warning", "Nomor KK sama dengan NIK; biasanya keduanya berbeda."),
    "name_missing": ("error", "Nama wajib diisi."),
    "name_characters": ("warning", "Nama berisi angka atau tanda yang tidak lazim ({value}); periksa kembali."),
    "birth_date_missing": ("warning", "Tanggal lahir kosong; dibutuhkan untuk pendaftaran BPJS Ketenagakerjaan."),
    "date_unreadable": ("error", "Tanggal '{typed}' tidak bisa dibaca. Tulis seperti 31-12-1980."),
    "date_impossible": ("error", "Tanggal '{typed}' tidak ada di kalender."),
    "date_month_first": ("warning", "Tanggal '{typed}' dibaca sebagai bulan/tanggal/tahun ({value}); periksa kembali."),
    "year_only": ("error", "Hanya tahun lahir ({typed}); isi tanggal lengkap sesuai KTP."),
    "date_future": ("error", "Tanggal lahir {value} ada di masa depan."),
    "date_too_old": ("error", "Tanggal lahir {value} berarti umur lebih dari 120 tahun; periksa kembali."),
    "sex_missing": ("error", "Jenis kelamin wajib diisi (L atau P)."),
    "sex_unknown": ("error", "Jenis kelamin '{typed}' tidak dikenal; isi L atau P."),
    "sex_from_nik": ("warning", "Jenis kelamin kosong; diisi dari NIK ({value})."),
    "rt_rw_format": ("warning", "RT/RW '{typed}' tidak bisa dibaca; tulis seperti 001/002."),
    "unit_format": ("warning", "{label} '{typed}' tidak sah; isi angka, misalnya 001."),
    "village_missing": ("error", "Desa/kelurahan belum diisi."),
    "village_unknown": ("error", "Desa '{typed}' tidak ditemukan.{value}"),
    "village_code_unknown": ("error", "Kode desa '{typed}' tidak dikenal di wilayah ini."),
    "village_ambiguous": ("error", "Ada beberapa desa bernama '{typed}': {value}; {label}."),
    "village_out_of_scope": ("error", "Baris ini untuk desa {value}, bukan desa Anda."),
    "district_unknown": ("warning", "Kecamatan '{typed}' tidak ditemukan."),
    "district_mismatch": ("warning", "Desa {value} tidak berada di kecamatan '{typed}'; periksa kembali."),
    "bps_unknown": ("error", "Kode desa BPS '{typed}' tidak dikenal."),
    "bps_outside": ("error", "Kode desa BPS '{typed}' menunjuk desa di luar wilayah ini."),
    "bps_mismatch": ("warning", "Kode desa BPS '{typed}' menunjuk desa {value}, bukan desa {number}; "
                     "yang dipakai kolom desa."),
    "phone_invalid": ("warning", "Nomor HP '{typed}' tidak sah: {value}"),
    "phone_note": ("warning", "Nomor HP '{typed}': {value}"),
    "phone_landline": ("warning", "'{typed}' nomor telepon rumah, bukan HP; tidak bisa dipakai untuk WhatsApp."),
    "phone_several": ("warning", "Ada lebih dari satu nomor HP; hanya nomor pertama yang disimpan."),
    "occupation_unknown": ("warning", "Pekerjaan '{typed}' tidak dikenal; pilih salah satu: {value}."),
    "group_unknown": ("warning", "Kelompok '{typed}' tidak dikenal; pilih dari: {value}."),
    "decile_invalid": ("warning", "Desil '{typed}' tidak sah; isi angka 1 sampai 10."),
    "nik_duplicate": ("error", "NIK sama dengan baris {value}."),
    "same_person_other_nik": ("warning", "Nama dan tanggal lahir sama dengan baris {value}, tetapi NIK berbeda; "
                              "pastikan bukan orang yang sama."),
}
# fmt: on


@dataclasses.dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one cell: an error blocks the row, a warning asks the operator to look."""

    field: str
    code: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def _issue(field: str, code: str, **values: object) -> Issue:
    severity, template = MESSAGES[code]
    return Issue(field, code, severity, template.format(**values))
