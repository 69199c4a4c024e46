"""Occupations as a DTSEN extract records them, weighted by sex, age, culture, coast, town and welfare.

Pure Python (no Django). The weights are the demo's assumptions, not statistics: enough to make filters and
later targeting rules meaningful on synthetic data.
"""

from random import Random

from . import names
from .names import weighted

_OCCUPATION_BASE = {
    "L": {
        "petani": 30,
        "petani_tembakau": 4,
        "buruh_tani": 20,
        "pedagang_kecil": 8,
        "ojek": 6,
        "pegawai_non_asn": 3,
        "pemandu_wisata": 0.2,
        "lainnya": 18,
    },
    "P": {
        "petani": 22,
        "petani_tembakau": 2,
        "buruh_tani": 22,
        "pedagang_kecil": 20,
        "ojek": 0.3,
        "kader_posyandu": 3,
        "pegawai_non_asn": 3,
        "pemandu_wisata": 0.1,
        "lainnya": 12,
    },
}
_URBAN = {
    "petani": 0.2,
    "petani_tembakau": 0.1,
    "buruh_tani": 0.25,
    "pedagang_kecil": 2,
    "ojek": 2,
    "pegawai_non_asn": 3,
    "lainnya": 2,
}
_POOR = {"buruh_tani": 1.6, "pegawai_non_asn": 0.3, "petani": 0.8}
_BETTER_OFF = {"buruh_tani": 0.5, "pegawai_non_asn": 2, "pedagang_kecil": 1.3}
#: Tourism (Ubud, Labuan Bajo) makes guides common; tobacco is a Javanese crop.
_CULTURE = {
    names.BALI: {"pemandu_wisata": 15, "petani_tembakau": 0.1},
    names.MANGGARAI: {"pemandu_wisata": 8, "petani_tembakau": 0.1},
}
_occupation_tables: dict[tuple, tuple[tuple[str, ...], tuple[float, ...]]] = {}


def occupation_for(rng: Random, *, sex: str, age: int, culture: str, coastal: bool, urban: bool, decile: int) -> str:
    """An occupation code, or "" for pupils, homemakers and the very old (not workers)."""
    if (age < 20 and rng.random() < 0.8) or (age >= 75 and rng.random() < 0.6):
        return ""
    if sex == "P" and rng.random() < 0.3:
        return ""
    band = 0 if decile <= 3 else 2 if decile >= 8 else 1
    codes, cum = _occupation_table(sex, culture, coastal, urban, band)
    code = weighted(rng, codes, cum)
    if code == "kader_posyandu" and not 20 <= age <= 60:
        return "pedagang_kecil"
    return code


def _occupation_table(sex: str, culture: str, coastal: bool, urban: bool, band: int):
    key = (sex, culture, coastal, urban, band)
    if key not in _occupation_tables:
        weights = dict(_OCCUPATION_BASE[sex])
        if coastal:
            weights["nelayan"] = 14 if sex == "L" else 1.5
            weights["petani"] *= 0.75
        for factors in (_URBAN if urban else {}, (_POOR, {}, _BETTER_OFF)[band], _CULTURE.get(culture, {})):
            for code, factor in factors.items():
                if code in weights:
                    weights[code] *= factor
        codes = tuple(weights)
        total, cum = 0.0, []
        for code in codes:
            total += weights[code]
            cum.append(total)
        _occupation_tables[key] = (codes, tuple(cum))
    return _occupation_tables[key]
