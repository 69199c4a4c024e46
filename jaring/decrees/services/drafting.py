"""Drafting a decree from a program's approved selection, and discarding a draft."""

from django.db import transaction

from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program, SelectionEntry, SelectionOutcome

from ..lifecycle import DecreeKind, DecreeRefused, DecreeStatus
from ..models import Decree
from .common import MAY_DRAFT, audit, may_draft, move, require, title_of
from .rows import Row, write_rows


def _approved_selection(program: Program):
    selection = program.selections.filter(status=SelectionStatus.APPROVED).first()
    if selection is None:
        raise DecreeRefused("Seleksi penerima program ini belum disetujui pejabat penetap; SK belum bisa disusun.")
    return selection


def _refuse_second_original(program: Program) -> None:
    existing = Decree.objects.filter(program=program, kind=DecreeKind.ORIGINAL).exclude(status=DecreeStatus.DISCARDED)
    if existing.exists():
        raise DecreeRefused(
            "Program ini sudah punya SK (draf atau final). Perubahan penerima dibuat lewat SK perubahan."
        )


@transaction.atomic
def decree_draft(*, program: Program, actor) -> Decree:
    """A draft decree listing the approved selection's recipients, in the annex's order."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    require(may_draft(actor), actor, program, MAY_DRAFT)
    selection = _approved_selection(program)
    _refuse_second_original(program)
    entries = SelectionEntry.objects.filter(selection=selection, outcome=SelectionOutcome.SELECTED)
    rows = [
        Row(*values)
        for values in entries.values_list(
            "person_id", "candidate_id", "source_id", "village_id", "person__full_name", "cost"
        )
    ]
    decree = Decree.objects.create(
        program=program,
        selection=selection,
        kind=DecreeKind.ORIGINAL,
        regency_code=program.regency_id,
        title=title_of(program),
        recipients_count=len(rows),
        total_cost=sum((r.cost for r in rows), 0),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    write_rows(decree, rows)
    audit(decree, "drafted", actor, {"selection": selection.pk, "recipients": len(rows)})
    return decree


@transaction.atomic
def decree_discard(*, decree: Decree, actor) -> None:
    """A draft nobody will sign; the row stays for the audit trail, its list goes."""
    decree = Decree.objects.select_for_update().get(pk=decree.pk)
    require(may_draft(actor), actor, decree.program, MAY_DRAFT)
    move(decree, DecreeStatus.DISCARDED)
    decree.recipients.all().delete()
    audit(decree, "discarded", actor)
