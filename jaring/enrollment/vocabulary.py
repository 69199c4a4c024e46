"""What a registration file for BPJS Ketenagakerjaan can hold, and who is registered as which participation type.
No Django here.

BPJS publishes no upload template for collective ("wadah") registration of pekerja rentan (reference/
domain-facts.md §7.2, open question 3), so the column layout is data an admin edits (``RegistrationLayout``);
``FIELDS`` is the vocabulary it is checked against, and ``DEFAULT_LAYOUT`` the layout a data migration loads:
the columns BPJS is known to collect (NIK, name as on the KTP, birth date and place, sex, address, postal code,
phone, occupation, declared income, programs, participation type and the source of funds).
"""

from enum import StrEnum


class ParticipationType(StrEnum):
    """BPJS's participation-type codes for pekerja rentan (PROBIS KEPESERTAAN p. 67; domain-facts §7.1)."""

    SC = "SC"  # Pekerja Rentan Korporasi/UMB
    SB = "SB"  # Pekerja Rentan Perbankan/UMB
    SG = "SG"  # Pekerja Rentan Pemerintah (pemda, APBD)
    SD = "SD"  # Pekerja Rentan Desa, dibiayai APBDes
    SA = "SA"  # Pekerja Rentan Desa, dibiayai APBD
    SL = "SL"  # Pekerja Rentan Desa, sumber lain


PARTICIPATION_LABELS: dict[str, str] = {
    "SC": "SC — Pekerja Rentan Korporasi/UMB",
    "SB": "SB — Pekerja Rentan Perbankan/UMB",
    "SG": "SG — Pekerja Rentan Pemerintah (APBD)",
    "SD": "SD — Pekerja Rentan Desa (APBDes)",
    "SA": "SA — Pekerja Rentan Desa (APBD)",
    "SL": "SL — Pekerja Rentan Desa (sumber lain)",
}

#: Funding kind → participation type, loaded as admin-editable data by a migration.
#: The regency's, the province's and the tobacco-excise (DBHCHT, part of the regency's APBD) budgets register
#: as government pekerja rentan (SG); a village fund as SD. Donations and CSR/BAZNAS money reaches BPJS through
#: the regency's program and invoice, so the pemda stays the wadah: SG. A company paying BPJS directly would be
#: SC, and a regency registering its APBD recipients village by village would use SA: an admin changes the row.
DEFAULT_PARTICIPATION: dict[str, str] = {
    "apbd_kabupaten": "SG",
    "apbd_provinsi": "SG",
    "dbhcht": "SG",
    "apbdes": "SD",
    "donasi": "SG",
    "csr_baznas": "SG",
}

#: Field → what the column holds (Bahasa Indonesia, shown in the admin beside the layout).
FIELDS: dict[str, str] = {
    "row_number": "Nomor urut baris",
    "nik": "NIK (16 digit, sebagai teks)",
    "kk_number": "Nomor KK",
    "full_name": "Nama lengkap sesuai KTP",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin (L/P)",
    "street": "Alamat: jalan/dusun",
    "rt": "RT",
    "rw": "RW",
    "rt_rw": "RT/RW dalam satu kolom (001/002)",
    "village": "Desa/kelurahan",
    "village_code": "Kode desa/kelurahan Kemendagri",
    "district": "Kecamatan",
    "regency": "Kabupaten/kota",
    "province": "Provinsi",
    "address": "Alamat lengkap dalam satu kolom",
    "postal_code": "Kode pos desa/kelurahan (bila diketahui)",
    "phone": "Nomor HP",
    "email": "Email (kosong: Jaring tidak menyimpannya)",
    "occupation": "Jenis pekerjaan",
    "declared_income": "Penghasilan yang dilaporkan (Rp sebulan)",
    "programs": "Program (JKK, JKM, ditambah JHT/JP bila termasuk)",
    "participation_type": "Jenis kepesertaan (SG/SD/SA/…)",
    "funding_source": "Nama sumber dana",
    "funding_kind": "Jenis sumber dana (APBD, APBDes, …)",
    "decree_number": "Nomor SK penetapan",
    "agreement_number": "Nomor PKS",
    "coverage_start": "Tanggal mulai kepesertaan (PKS)",
    "blank": "Kolom kosong (diisi BPJS)",
}

#: The layout loaded by the data migration: the columns BPJS is known to collect (domain-facts §7.2).
DEFAULT_LAYOUT: list[dict[str, str]] = [
    {"header": "No", "field": "row_number"},
    {"header": "NIK", "field": "nik"},
    {"header": "Nama Lengkap (sesuai KTP)", "field": "full_name"},
    {"header": "Tempat Lahir", "field": "birth_place"},
    {"header": "Tanggal Lahir", "field": "birth_date"},
    {"header": "Jenis Kelamin", "field": "sex"},
    {"header": "Alamat", "field": "street"},
    {"header": "RT", "field": "rt"},
    {"header": "RW", "field": "rw"},
    {"header": "Desa/Kelurahan", "field": "village"},
    {"header": "Kecamatan", "field": "district"},
    {"header": "Kabupaten/Kota", "field": "regency"},
    {"header": "Kode Pos", "field": "postal_code"},
    {"header": "No. HP", "field": "phone"},
    {"header": "Jenis Pekerjaan", "field": "occupation"},
    {"header": "Penghasilan (Rp)", "field": "declared_income"},
    {"header": "Program", "field": "programs"},
    {"header": "Jenis Kepesertaan", "field": "participation_type"},
    {"header": "Sumber Dana", "field": "funding_source"},
]

#: Without these BPJS cannot register anyone, and the results file cannot be matched back.
REQUIRED_FIELDS = ("nik", "full_name")
MAX_HEADER = 100


def layout_problems(columns: object) -> list[str]:
    """What is wrong with a layout (``[{"header": …, "field": …}, …]``), each in Bahasa Indonesia; [] when fine."""
    if not isinstance(columns, list) or not columns:
        return ['Tata letak harus berupa daftar kolom, misalnya [{"header": "NIK", "field": "nik"}].']
    problems, seen = [], {}
    for number, column in enumerate(columns, start=1):
        problems += _column_problems(number, column, seen)
    fields = {c.get("field") for c in columns if isinstance(c, dict)}
    for field in REQUIRED_FIELDS:
        if field not in fields:
            problems.append(f"Tata letak harus memuat kolom {FIELDS[field]} (isian '{field}').")
    return problems


def _column_problems(number: int, column: object, seen: dict[str, int]) -> list[str]:
    if not isinstance(column, dict) or set(column) - {"header", "field"}:
        return [f'Kolom ke-{number}: tulis sebagai {{"header": "judul kolom", "field": "isian"}}.']
    problems = []
    header, field = column.get("header"), column.get("field")
    if not isinstance(header, str) or not header.strip() or len(header) > MAX_HEADER:
        problems.append(f"Kolom ke-{number}: judul kolom wajib diisi, paling panjang {MAX_HEADER} huruf.")
    elif (key := header.strip().casefold()) in seen:
        problems.append(f"Kolom ke-{number}: judul '{header.strip()}' sudah dipakai kolom ke-{seen[key]}.")
    else:
        seen[key] = number
    if field not in FIELDS:
        problems.append(f"Kolom ke-{number}: isian '{field}' tidak dikenal. Pilih salah satu: {', '.join(FIELDS)}.")
    return problems
