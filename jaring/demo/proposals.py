"""Whom a desa proposes for the demo, and what goes wrong in its list. Pure Python (no Django).

A village proposes informal workers of working age from the poorest deciles, with a few others and now and then
one of its own officials. A few percent of its rows carry the faults real lists have (``FAULTS``): NIKs mangled
by Excel or missing a digit, a KTP birth date that differs from the NIK, a misspelt desa, a person typed twice,
a neighbour from another desa. ``village_files`` turns the rows into the file the village sends. Every choice
comes from the ``Random`` passed in, so the same seed gives the same proposals.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from .names import pick

#: Occupations a village proposes for contribution aid (informal, self-employed): BPU workers.
VULNERABLE = frozenset(
    {
        "petani",
        "petani_tembakau",
        "buruh_tani",
        "nelayan",
        "pedagang_kecil",
        "ojek",
        "pemandu_wisata",
        "kader_posyandu",
        "lainnya",
    }
)
PREFERRED_AGES, ACCEPTED_AGES = (18, 60), (17, 65)
POOR_DECILE = 4

#: Fault → the problem code the intake check reports for it (jaring.intake.rules.MESSAGES).
FAULTS = {
    "nik_scientific": "excel_scientific",  # 3,50301E+15: Excel dropped the last digits (error)
    "nik_decimal": "excel_fixed",  # 3503011204850001.0: recoverable, shown as a warning
    "nik_15": "fifteen_digits",  # a digit lost while typing (error)
    "date_mismatch": "nik_birth_date_mismatch",  # the KTP's date differs from the NIK's (warning)
    "village_typo": "village_unknown",  # a misspelt desa (error)
    "nik_duplicate": "nik_duplicate",  # the same person typed twice (error on the second row)
    "other_village": "village_out_of_scope",  # a neighbour from another desa (error)
}
ROW_FAULT_RATE = 0.04
FILE_FAULT_CHANCE = {"nik_duplicate": 0.15, "other_village": 0.1}

#: The shapes of village files (``village_files``), and the row faults each can carry: a dated template column
#: does not show Excel's scientific notation, and a list without a desa column cannot misspell one.
TEMPLATE, OWN, CSV, NO_VILLAGE = "template", "own", "csv", "no_village"
SHAPES = (TEMPLATE, OWN, CSV, NO_VILLAGE)
_ROW_FAULTS = {
    TEMPLATE: ("nik_15", "date_mismatch"),
    OWN: ("nik_scientific", "nik_decimal", "nik_15", "date_mismatch", "village_typo"),
    CSV: ("nik_scientific", "nik_decimal", "nik_15", "date_mismatch", "village_typo"),
    NO_VILLAGE: ("nik_decimal", "nik_15", "date_mismatch"),
}


@dataclass(frozen=True, slots=True)
class Registrant:
    """A person as the people registry (DTSEN) knows them."""

    nik: str
    kk_number: str
    full_name: str
    birth_place: str
    birth_date: date | None
    sex: str
    street: str
    rt: str
    rw: str
    village: str
    phone: str = ""
    occupation: str = ""
    decile: int | None = None
    groups: tuple[str, ...] = ()

    def age(self, today: date) -> int:
        if self.birth_date is None:
            return 0
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    district: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One proposal as the village typed it: the person, plus what differs from the registry."""

    person: Registrant
    nik: str
    birth_date: date | None
    village: str  # the desa as written
    fault: str = ""


# --- Whom a village proposes -----------------------------------------------------------------------------------


def choose(people: Sequence[Registrant], rng: Random, *, today: date, size: int) -> list[Registrant]:
    """Up to ``size`` plausible candidates: informal workers of working age in the poorest deciles first, then
    other adults; a village also slips in one of its own officials now and then (they are PU, not BPU)."""
    preferred, others, officials = [], [], []
    for person in people:
        age = person.age(today)
        if person.occupation == "perangkat_desa":
            officials.append(person)
        elif _within(age, PREFERRED_AGES) and person.occupation in VULNERABLE and (person.decile or 10) <= POOR_DECILE:
            preferred.append(person)
        elif _within(age, ACCEPTED_AGES) and person.occupation != "pegawai_non_asn":
            others.append(person)
    chosen = rng.sample(preferred, min(size, len(preferred)))
    chosen += rng.sample(others, min(size - len(chosen), len(others)))
    if officials and rng.random() < 0.3:
        chosen[-1:] = [pick(rng, officials)]
    return sorted(chosen, key=lambda p: (p.rw, p.rt, p.street, p.full_name))


def _within(age: int, ages: tuple[int, int]) -> bool:
    return ages[0] <= age <= ages[1]


def proposal_rows(
    chosen: Sequence[Registrant],
    rng: Random,
    *,
    shape: str,
    places: Mapping[str, Place],
    strangers: Sequence[Registrant] = (),
    force: Sequence[str] = (),
    again: Sequence[Registrant] = (),
) -> list[Row]:
    """The rows of one file, with faults: a few percent of rows at random, the ``force``d ones for sure.

    ``strangers`` live in another desa (one may slip in); ``again`` were proposed before and are typed again,
    without faults, at the end of the list.
    """
    rows = [Row(p, p.nik, p.birth_date, _village_text(rng, places[p.village])) for p in chosen]
    allowed = _ROW_FAULTS[shape]
    for index, row in enumerate(rows):
        if rng.random() < ROW_FAULT_RATE:
            rows[index] = _with_fault(row, pick(rng, allowed), rng, places)
    for kind in force:
        clean = [index for index, row in enumerate(rows) if not row.fault]
        if kind in allowed and clean:
            index = pick(rng, clean)
            rows[index] = _with_fault(rows[index], kind, rng, places)
    file_faults = [k for k, chance in FILE_FAULT_CHANCE.items() if k in force or rng.random() < chance]
    if "nik_duplicate" in file_faults and rows:
        twice = pick(rng, [r for r in rows if not r.fault] or rows)
        rows.insert(
            min(len(rows), rows.index(twice) + 1 + int(rng.random() * 8)), replace(twice, fault="nik_duplicate")
        )
    if "other_village" in file_faults and strangers and shape != NO_VILLAGE:
        stranger = pick(rng, strangers)
        rows.append(Row(stranger, stranger.nik, stranger.birth_date, places[stranger.village].name, "other_village"))
    rows += [Row(p, p.nik, p.birth_date, _village_text(rng, places[p.village])) for p in again]
    return rows


def _village_text(rng: Random, place: Place) -> str:
    roll = rng.random()
    return place.name.upper() if roll < 0.3 else f"Desa {place.name}" if roll < 0.4 else place.name


def _with_fault(row: Row, kind: str, rng: Random, places: Mapping[str, Place]) -> Row:
    nik = row.person.nik
    if kind == "nik_scientific":
        return replace(row, nik=f"{nik[0]},{nik[1:6]}E+15", fault=kind)
    if kind == "nik_decimal":
        return replace(row, nik=f"{nik}.0", fault=kind)
    if kind == "nik_15":
        gone = 6 + int(rng.random() * 10)
        return replace(row, nik=nik[:gone] + nik[gone + 1 :], fault=kind)
    if kind == "date_mismatch" and row.birth_date:
        shift = pick(rng, (-366, -31, -2, -1, 1, 3, 10, 365))
        return replace(row, birth_date=row.birth_date + timedelta(days=shift), fault=kind)
    if kind == "village_typo":
        return replace(row, village=_typo(rng, places[row.person.village].name, places), fault=kind)
    return row


def _typo(rng: Random, name: str, places: Mapping[str, Place]) -> str:
    """A misspelling that names no desa of the regency (so the check cannot find it)."""
    known = {key(p.name) for p in places.values()}
    for _ in range(20):
        at = 1 + int(rng.random() * max(1, len(name) - 1))
        typed = name[:at] + pick(rng, "aiuehkmnr") + name[at:] if rng.random() < 0.5 else name[: at - 1] + name[at:]
        if key(typed) not in known and key(typed):
            return typed
    return name + "x"


def key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


# --- What the verifier writes back ------------------------------------------------------------------------------

GENERIC_RETURNS = (
    "NIK tidak cocok dengan KTP, mohon cek ulang.",
    "Nama berbeda dengan KK, mohon disamakan dengan KK terbaru.",
    "Nomor KK tidak ditemukan, mohon lampirkan foto KK.",
    "Alamat RT/RW tidak sesuai KK, mohon diperbaiki.",
    "Pekerjaan di KTP tertulis karyawan swasta; mohon pastikan benar bekerja mandiri (BPU).",
)
NO_PHONE = "Nomor HP belum diisi; mohon lengkapi agar peserta bisa dihubungi BPJS Ketenagakerjaan."
DEAD_PHONE = "Nomor HP tidak aktif, mohon diganti nomor yang bisa dihubungi."


def return_message(person: Registrant, *, today: date, faults: set[str], rng: Random, avoid=frozenset()) -> str:
    """What a verifier writes when she returns this proposal to its village: the specific reason if there is one,
    else a common one (not one of ``avoid``, those she already wrote to this village)."""
    if person.occupation == "perangkat_desa":
        return "Sudah terdaftar sebagai peserta PU (perangkat desa) melalui pemerintah desa; tidak bisa sebagai BPU."
    if "date_mismatch" in faults:
        return "Tanggal lahir berbeda dengan NIK. Mohon cek ulang KTP dan perbaiki bila salah ketik."
    if person.age(today) > PREFERRED_AGES[1]:
        return f"Usia {person.age(today)} tahun; mohon pastikan masih bekerja dan belum menerima bantuan lansia."
    if (person.decile or 0) > POOR_DECILE + 2:
        return f"Menurut DTSEN termasuk desil {person.decile}; mohon lampirkan surat keterangan tidak mampu dari desa."
    generic = (*GENERIC_RETURNS, DEAD_PHONE if person.phone else NO_PHONE)
    return pick(rng, [m for m in generic if m not in avoid] or generic)
