"""Roles of DESIGN.md §1 and what each may see. Pure data: no Django here.

A role is bound to a region code of a given level; its scope is that code and everything under it.
"""

from dataclasses import dataclass
from enum import StrEnum

from jaring.core.regioncodes import Level


class Role(StrEnum):
    OPERATOR_DESA = "operator_desa"
    VERIFIKATOR = "verifikator"
    PERENCANA = "perencana"
    PEJABAT = "pejabat"
    PETUGAS_BPJS = "petugas_bpjs"
    PEMANTAU = "pemantau"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class RolePolicy:
    #: Levels a user of this role may be bound to; None in the tuple means the whole instance/nation.
    levels: tuple[Level | None, ...]
    #: May open lists and records of people (names, addresses).
    sees_people: bool
    #: Sees the full 16-digit NIK; everyone else gets ``3503********0001``.
    sees_full_nik: bool
    #: Proposes candidates (form, upload) for the villages in scope.
    proposes: bool = False
    #: Checks proposals: returns them to the village, imports regency-wide sources (DTKS, carry-over).
    verifies: bool = False
    #: Sets a program's period, package, funding sources, budgets, quotas and priorities; runs the simulator.
    plans: bool = False
    #: Approves or returns a proposed selection (the checker of maker-checker) and finalizes decrees.
    approves: bool = False
    #: Registers recipients with BPJS: imports registration results (KPJ numbers, rejections).
    registers: bool = False


POLICIES: dict[Role, RolePolicy] = {
    # Fixes her village's data against the KTP, so she needs the full number, for her village only.
    Role.OPERATOR_DESA: RolePolicy((Level.VILLAGE,), sees_people=True, sees_full_nik=True, proposes=True),
    Role.VERIFIKATOR: RolePolicy((Level.REGENCY,), sees_people=True, sees_full_nik=True, proposes=True, verifies=True),
    Role.PERENCANA: RolePolicy((Level.REGENCY,), sees_people=True, sees_full_nik=False, plans=True),
    Role.PEJABAT: RolePolicy((Level.REGENCY,), sees_people=True, sees_full_nik=False, approves=True),
    Role.PETUGAS_BPJS: RolePolicy((Level.REGENCY,), sees_people=True, sees_full_nik=True, registers=True),
    # Monitors work on aggregates only: no names, no NIKs.
    Role.PEMANTAU: RolePolicy((Level.PROVINCE, None), sees_people=False, sees_full_nik=False),
    Role.ADMIN: RolePolicy((None,), sees_people=False, sees_full_nik=False),
}


def binding_error(role: Role, region_level: Level | None) -> str | None:
    """Why a role cannot be bound at this level (in Bahasa Indonesia), or None when it can."""
    allowed = POLICIES[role].levels
    if region_level in allowed:
        return None
    names = {
        None: "seluruh instansi",
        Level.PROVINCE: "provinsi",
        Level.REGENCY: "kabupaten/kota",
        Level.DISTRICT: "kecamatan",
        Level.VILLAGE: "desa/kelurahan",
    }
    return "Peran ini harus terikat pada wilayah tingkat " + " atau ".join(names[lv] for lv in allowed) + "."
