"""Parsing of a BPS → Kemendagri crosswalk CSV. No Django here.

Format (UTF-8, with or without BOM, ``,`` or ``;``): a header row with ``bps_code`` and ``kemendagri_code``,
optionally ``name`` and ``source``. BPS codes have 2 (province), 4 (regency), 7 (kecamatan) or 10 (desa) digits;
the Kemendagri code must be of the same level, with or without dots.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from jaring.core.regioncodes import InvalidRegionCode, level_of, normalize

_BPS_LEVEL = {2: 1, 4: 2, 7: 3, 10: 4}
#: The mappings domain-facts.md §5.2 documents; a regency loads its full list from BPS/Disdukcapil the same way.
SAMPLE_FILE = Path(__file__).parent / "data" / "bps_crosswalk_sample.csv"


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    bps_code: str
    kemendagri_code: str
    name: str
    source: str


@dataclass
class ParsedCrosswalk:
    rows: list[CrosswalkRow]
    errors: list[str]  # "baris 4: …", in Bahasa Indonesia


def parse_crosswalk(data: bytes) -> ParsedCrosswalk:
    text = data.decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {h.strip().lower() for h in (reader.fieldnames or [])}
    if not {"bps_code", "kemendagri_code"} <= header:
        return ParsedCrosswalk([], ["Kolom wajib tidak ada: berkas harus punya kolom bps_code dan kemendagri_code."])
    rows, errors, seen = [], [], {}
    for lineno, raw in enumerate(reader, start=2):
        rec = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        bps = rec.get("bps_code", "")
        if not bps.isdigit() or len(bps) not in _BPS_LEVEL:
            errors.append(f"baris {lineno}: kode BPS {bps!r} harus 2, 4, 7 atau 10 digit angka.")
            continue
        try:
            dagri = normalize(rec.get("kemendagri_code", ""))
        except InvalidRegionCode as exc:
            errors.append(f"baris {lineno}: {exc}")
            continue
        if level_of(dagri) != _BPS_LEVEL[len(bps)]:
            errors.append(f"baris {lineno}: kode BPS {bps} dan kode Kemendagri {dagri} berbeda tingkat wilayah.")
            continue
        if bps in seen:
            errors.append(f"baris {lineno}: kode BPS {bps} sudah ada di baris {seen[bps]}.")
            continue
        seen[bps] = lineno
        rows.append(CrosswalkRow(bps, dagri, rec.get("name", ""), rec.get("source", "")))
    return ParsedCrosswalk(rows, errors)
