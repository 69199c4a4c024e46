"""Amending a final decree (SK perubahan): people taken off the list, with why, and their places given to the
waiting list under the same funding source and quota rules (``programs.allocation.replacements``)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from jaring.people.models import PersonGroup
from jaring.programs import costs
from jaring.programs.allocation import Replacement, Seat, Source, Waiting, replacements
from jaring.programs.models import Program, SelectionEntry, SelectionOutcome
from jaring.programs.services.selection_inputs import quotas_of
from jaring.verification.selectors import candidates_cleared

from ..lifecycle import DecreeKind, DecreeRefused, DecreeStatus, RecipientChange
from ..models import Decree, DecreeRecipient
from .common import MAY_DRAFT, audit, may_draft, require
from .rows import Row, write_rows

REASON_LENGTH = DecreeRecipient._meta.get_field("reason").max_length


@dataclass(frozen=True)
class Removal:
    person_id: int
    reason: str  # "Meninggal dunia 3 Maret 2026", "Pindah ke luar kabupaten", …


def _check_chain(decree: Decree) -> None:
    if decree.status != DecreeStatus.FINAL:
        raise DecreeRefused("Hanya SK final yang dapat diubah; draf SK cukup disusun ulang.")
    open_amendment = decree.amendments.exclude(status=DecreeStatus.DISCARDED).first()
    if open_amendment is not None:
        state = "final" if open_amendment.is_final else "masih draf"
        raise DecreeRefused(f"SK ini sudah punya SK perubahan ({state}); ubahlah SK terakhir dalam rangkaiannya.")


def _effective(program: Program, effective_from: date | None) -> date:
    if effective_from is None:
        raise DecreeRefused("Bulan berlakunya perubahan wajib diisi.")
    first, last = costs.program_start(program), costs.program_last_month(program)
    effective = effective_from.replace(day=1)
    if not first <= effective <= last:
        raise DecreeRefused(f"Perubahan harus berlaku dalam masa program ({first:%m-%Y} sampai {last:%m-%Y}).")
    return effective


def _current(decree: Decree) -> dict[int, Row]:
    values = decree.recipients.exclude(change=RecipientChange.REMOVED).values_list(
        "person_id", "candidate_id", "source_id", "village_id", "person__full_name", "cost"
    )
    return {v[0]: Row(*v) for v in values}


def _check_removals(current: dict[int, Row], removals: list[Removal]) -> None:
    if not removals:
        raise DecreeRefused("Pilih paling sedikit satu penerima yang dikeluarkan.")
    seen: set[int] = set()
    for removal in removals:
        if removal.person_id not in current:
            raise DecreeRefused(f"Orang #{removal.person_id} tidak ada dalam daftar penerima SK ini.")
        if removal.person_id in seen:
            raise DecreeRefused(f"{current[removal.person_id].full_name} dipilih dua kali.")
        if not removal.reason.strip():
            raise DecreeRefused(f"Tulis alasan {current[removal.person_id].full_name} dikeluarkan.")
        seen.add(removal.person_id)


def _groups(person_ids) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = {}
    for person_id, group in PersonGroup.objects.filter(person_id__in=person_ids).values_list("person_id", "group"):
        found.setdefault(person_id, set()).add(group)
    return {k: frozenset(v) for k, v in found.items()}


def _waiting(decree: Decree) -> tuple[list[Waiting], dict[int, SelectionEntry]]:
    """The selection's waiting list, still cleared by verification, never on any decree of the program."""
    ever_listed = DecreeRecipient.objects.filter(decree__program=decree.program).exclude(
        decree__status=DecreeStatus.DISCARDED
    )
    entries = (
        SelectionEntry.objects.filter(selection=decree.selection, outcome=SelectionOutcome.WAITING)
        .filter(candidate__in=candidates_cleared(decree.program))
        .exclude(person_id__in=ever_listed.values("person_id"))
        .select_related("person")
        .order_by("waiting_rank")
    )
    entries = list(entries)
    groups = _groups([e.person_id for e in entries])
    line = [
        Waiting(
            e.pk,
            e.waiting_rank or 0,
            e.village_id,
            e.district_code,
            e.person.occupation,
            groups.get(e.person_id, frozenset()),
        )
        for e in entries
    ]
    return line, {e.pk: e for e in entries}


def _sources(program: Program) -> tuple[list[Source], dict[str, str]]:
    sources = [
        Source(str(s.pk), s.kind, s.name, 0, 0, s.village_id, frozenset(s.occupations or ()), frozenset(s.groups or ()))
        for s in program.sources.order_by("pk")
    ]
    return sources, {s.key: s.kind for s in sources}


def _split_costs(program: Program, kinds: set[str], effective: date) -> dict[str, tuple[Decimal, Decimal]]:
    """Per payer kind: one person's cost before the change takes effect, and from then to the period's end."""
    split = {}
    for kind in kinds:
        months = costs.person_cost(program, kind).month_costs
        before = sum((m.total for m in months if m.month < effective), Decimal(0))
        after = sum((m.total for m in months if m.month >= effective), Decimal(0))
        split[kind] = (before, after)
    return split


def _replace(decree: Decree, current: dict[int, Row], removals: list[Removal]) -> tuple[list[Replacement], dict]:
    program = decree.program
    groups = _groups(list(current))
    seats = [
        Seat(r.person_id, str(r.source_id), r.village_id, r.village_id[:8], groups.get(r.person_id, frozenset()))
        for r in current.values()
    ]
    line, entries = _waiting(decree)
    sources, _ = _sources(program)
    found = replacements(seats, [r.person_id for r in removals], line, sources, quotas_of(program))
    return found, entries


def _amendment_rows(current, removals, found, entries, split, kind_of) -> tuple[list[Row], Decimal]:
    """The amended list, and how much the total changes (freed months off, replacements' months on)."""
    removed = {r.person_id: r.reason for r in removals}
    for replacement in found:  # an empty place says why on the row that left it, for the annex and the page
        if replacement.by is None:
            key = replacement.vacancy.key
            removed[key] = f"{removed[key]}. {replacement.reason}"[
                : DecreeRecipient._meta.get_field("reason").max_length
            ]
    rows, delta = [], Decimal(0)
    for person_id, row in current.items():
        if person_id in removed:
            before = min(split[kind_of[str(row.source_id)]][0], row.cost)
            delta -= row.cost - before
            rows.append(
                Row(**{**row.__dict__, "cost": before, "change": RecipientChange.REMOVED, "reason": removed[person_id]})
            )
        else:
            rows.append(row)
    for replacement in found:
        if replacement.by is None:
            continue
        entry = entries[replacement.by.key]
        after = split[kind_of[replacement.vacancy.source]][1]
        delta += after
        rows.append(
            Row(
                entry.person_id,
                entry.candidate_id,
                int(replacement.vacancy.source),
                entry.village_id,
                entry.person.full_name,
                after,
                RecipientChange.ADDED,
                replacement.reason,
            )
        )
    return rows, delta


@transaction.atomic
def amendment_draft(
    *, decree: Decree, removals: list[Removal], effective_from: date | None, reason: str, actor
) -> tuple[Decree, list[Replacement]]:
    """A draft SK perubahan of ``decree``: the removals, each place filled from the waiting list when someone
    fits, from ``effective_from``'s month. Returns the draft and every vacancy's replacement (or why none)."""
    decree = Decree.objects.select_for_update(of=("self",)).select_related("program", "selection").get(pk=decree.pk)
    program = decree.program
    require(may_draft(actor), actor, program, MAY_DRAFT)
    _check_chain(decree)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DecreeRefused("Tulis alasan perubahan SK (misalnya: penerima meninggal dunia).")
    effective = _effective(program, effective_from)
    current = _current(decree)
    _check_removals(current, removals)
    found, entries = _replace(decree, current, removals)
    _, kind_of = _sources(program)
    split = _split_costs(program, set(kind_of.values()), effective)
    rows, delta = _amendment_rows(current, removals, found, entries, split, kind_of)
    added = sum(1 for r in found if r.by is not None)
    amendment = Decree.objects.create(
        program=program,
        selection=decree.selection,
        kind=DecreeKind.AMENDMENT,
        amends=decree,
        regency_code=decree.regency_code,
        title=f"Perubahan atas Keputusan Nomor {decree.number} tentang {decree.title}",
        effective_from=effective,
        reason=reason,
        recipients_count=len(current) - len(removals) + added,
        total_cost=decree.total_cost + delta,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    write_rows(amendment, rows)
    audit(amendment, "amendment_drafted", actor, {"amends": decree.pk, "removed": len(removals), "added": added})
    return amendment, found
