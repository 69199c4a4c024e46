"""SIAK column names and their common variants, recognised case-insensitively.

Headers are compared after upper-casing and turning every run of other characters into ``_``, so
``Nama Lengkap``, ``NAMA_LENGKAP`` and ``nama-lengkap`` are one name.
"""

import re

from .refusals import ExtractRefused

#: Our field → accepted headers, preferred first (a file with both NAMA_LGKP and NAMA uses NAMA_LGKP).
ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("NIK", "NO_NIK", "NOMOR_NIK"),
    "kk_number": ("NO_KK", "NKK", "NOMOR_KK"),
    "full_name": ("NAMA_LGKP", "NAMA_LENGKAP", "NAMA"),
    "birth_place": ("TMPT_LHR", "TEMPAT_LAHIR", "TMP_LAHIR"),
    "birth_date": ("TGL_LHR", "TANGGAL_LAHIR", "TGL_LAHIR"),
    "sex": ("JENIS_KLMIN", "JENIS_KELAMIN", "JNS_KLMIN", "JK"),
    "street": ("ALAMAT",),
    "rt": ("NO_RT", "RT"),
    "rw": ("NO_RW", "RW"),
    "village_code": ("KODE_DESA", "KD_DESA", "KODE_WILAYAH", "KODE_KEL", "KD_KEL"),
    "province_part": ("NO_PROP",),
    "regency_part": ("NO_KAB",),
    "district_part": ("NO_KEC",),
    "village_part": ("NO_KEL",),
    "life_status": ("STAT_HIDUP", "STATUS_HIDUP"),
    "death_date": ("TGL_KEMATIAN", "TGL_MATI", "TANGGAL_KEMATIAN"),
    "occupation": ("JENIS_PKRJN", "JENIS_PEKERJAAN", "PEKERJAAN"),
}
REQUIRED = {
    "nik": "NIK",
    "full_name": "nama (NAMA_LGKP)",
    "birth_date": "tanggal lahir (TGL_LHR)",
    "sex": "jenis kelamin (JENIS_KLMIN)",
}
VILLAGE_PARTS = ("province_part", "regency_part", "district_part", "village_part")
_OTHER = re.compile(r"[^0-9A-Z]+")


def header_key(header: str) -> str:
    return _OTHER.sub("_", header.upper()).strip("_")


def resolve(headers: list[str]) -> dict[str, str]:
    """Our field → the file's header, for every field found; refuses a file missing a required one."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    found = {}
    for field, aliases in ALIASES.items():
        header = next((by_key[a] for a in aliases if a in by_key), None)
        if header is not None:
            found[field] = header
    _refuse_missing(found, headers)
    return found


def _refuse_missing(found: dict[str, str], headers: list[str]) -> None:
    missing = [label for field, label in REQUIRED.items() if field not in found]
    parts = [ALIASES[p][0] for p in VILLAGE_PARTS if p not in found]
    if "village_code" not in found and parts:
        whole = len(parts) == len(VILLAGE_PARTS)
        missing.append("desa (KODE_DESA, atau NO_PROP+NO_KAB+NO_KEC+NO_KEL)" if whole else "+".join(parts))
    if missing:
        shown = ", ".join(h for h in headers[:30] if h) or "tidak ada"
        raise ExtractRefused(f"Kolom wajib tidak ditemukan: {'; '.join(missing)}. Kolom yang ada: {shown}.")
