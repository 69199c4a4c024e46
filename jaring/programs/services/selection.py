"""Selection: compute who a program pays for (a verifier), propose it, approve or return it (a pejabat
penetap, never the one who proposed). An approved selection is frozen, and so are the candidates it selected.
Each step is one transaction with its audit row."""

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from jaring.accounts.scoping import can_approve, can_verify, may_act
from jaring.audit.services import audit_record
from jaring.bulk import BulkTable, as_json
from jaring.intake.models import Candidate

from ..allocation import Allocation, AllocationInputError, allocate
from ..lifecycle import REPLACEABLE, SelectionStatus, TransitionRefused, check_transition
from ..models import Program, Selection, SelectionEntry
from ..rates import CostError
from .selection_inputs import SelectionInputs, candidates_digest, plan_digest, selection_inputs

ENTRY_FIELDS = [
    "selection",
    "candidate",
    "person",
    "outcome",
    "source",
    "rank",
    "waiting_rank",
    "score",
    "reason",
    "reason_keys",
    "cost",
    "village",
    "district_code",
    "regency_code",
    "province_code",
]


class SelectionRefused(ValueError):
    """A selection step refused; the message says why and what to do, in Bahasa Indonesia."""


def _require(allowed: bool, actor, program: Program, message: str) -> None:
    """``None`` is the system (command line, demo); a user must hold the role and the program's regency."""
    if not may_act(actor, program.regency_id, lambda _: allowed):
        raise SelectionRefused(message)


def _audit(selection: Selection, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"selection.{action}",
        object_type="selection",
        object_id=selection.pk,
        region_code=selection.program.regency_id,
        detail=detail,
    )


def _move(selection: Selection, target: SelectionStatus, **fields) -> None:
    try:
        check_transition(selection.status, target)
    except TransitionRefused as exc:
        raise SelectionRefused(str(exc)) from None
    selection.status = target
    for name, value in fields.items():
        setattr(selection, name, value)
    selection.save(update_fields=["status", *fields])


def _fresh(program: Program) -> Program:
    """The program as stored: a caller's instance may predate a planner's change, and the selection must not."""
    return Program.objects.select_related("regency").get(pk=program.pk)


def selection_preview(program: Program) -> tuple[SelectionInputs, Allocation]:
    """The allocation as the data stands now, without writing anything (the dry run of ``jaring select``)."""
    program = _fresh(program)
    try:
        inputs = selection_inputs(program)
        return inputs, allocate(inputs.candidates, inputs.sources, inputs.quotas, inputs.weights)
    except AllocationInputError as exc:
        raise SelectionRefused(" ".join(exc.problems)) from None
    except CostError as exc:
        raise SelectionRefused(str(exc)) from None


def selection_compute(*, program: Program, actor) -> Selection:
    """Allocate the program's cleared candidates and store the result as a draft, replacing earlier drafts."""
    program = _fresh(program)
    _require(can_verify(actor), actor, program, "Hanya verifikator kabupaten ini yang menghitung seleksi.")
    if program.selections.filter(status=SelectionStatus.APPROVED).exists():
        raise SelectionRefused(
            "Seleksi program ini sudah disetujui dan dibekukan; penggantian penerima hanya lewat SK perubahan."
        )
    if program.selections.filter(status=SelectionStatus.PROPOSED).exists():
        raise SelectionRefused(
            "Seleksi yang diajukan masih menunggu pejabat penetap; tunggu disetujui atau dikembalikan dulu."
        )
    if not program.sources.exists():
        raise SelectionRefused("Program ini belum punya sumber dana; perencana anggaran menambahkannya dulu.")
    inputs, allocation = selection_preview(program)
    with transaction.atomic():
        for old in program.selections.select_for_update().filter(status__in=list(REPLACEABLE)):
            old.entries.all().delete()  # a superseded computation keeps its counts and audit rows, not its rows
            _move(old, SelectionStatus.SUPERSEDED)
        selection = _store(program, inputs, allocation, actor)
        _audit(selection, "compute", actor, _totals(selection))
    return selection


def _store(program: Program, inputs: SelectionInputs, allocation: Allocation, actor) -> Selection:
    used = {u.key: u for u in allocation.sources}
    selection = Selection.objects.create(
        program=program,
        inputs=inputs.snapshot(),
        computed_by=actor if getattr(actor, "is_authenticated", False) else None,
        computed_at=timezone.now(),
        selected_count=sum(u.selected for u in used.values()),
        waiting_count=allocation.decisions.filter(allocation.decisions["outcome"] == "waiting").height,
        total_cost=sum(u.spent for u in used.values()),
    )
    cost = {s.key: s.cost for s in inputs.sources}
    table = BulkTable(SelectionEntry, ENTRY_FIELDS)
    rows = allocation.decisions.select(
        "id", "outcome", "source", "rank", "waiting_rank", "score", "reason", "reason_keys"
    ).iter_rows()
    with connection.cursor() as cursor:
        table.add((_entry_row(selection.pk, row, inputs, cost) for row in rows), cursor)
        table.flush(cursor)
    return selection


def _entry_row(selection_id: int, row: tuple, inputs: SelectionInputs, cost: dict[str, int]) -> tuple:
    candidate_id, outcome, source, rank, waiting_rank, score, reason, keys = row
    person_id, village = inputs.people[candidate_id]
    if candidate_id in inputs.not_cleared:  # kept out by verification: say which finding
        keys = [inputs.not_cleared[candidate_id]]
    return (
        selection_id,
        candidate_id,
        person_id,
        outcome,
        int(source) if source else None,
        rank,
        waiting_rank,
        float(score or 0.0),
        reason,
        as_json(list(keys or [])),
        cost.get(source, 0) if outcome == "selected" else 0,
        village,
        village[:8],
        village[:5],
        village[:2],
    )


def _totals(selection: Selection) -> dict:
    return {
        "selected": selection.selected_count,
        "waiting": selection.waiting_count,
        "total_cost": str(selection.total_cost),
    }


def selection_propose(*, selection: Selection, actor) -> None:
    """The verifier puts the newest computation forward for approval."""
    program = selection.program
    _require(can_verify(actor), actor, program, "Hanya verifikator kabupaten ini yang mengajukan seleksi.")
    with transaction.atomic():
        _move(selection, SelectionStatus.PROPOSED, proposed_by=actor, proposed_at=timezone.now())
        _audit(selection, "propose", actor, _totals(selection))


def selection_approve(*, selection: Selection, actor) -> None:
    """The pejabat penetap approves: never the one who computed or proposed it, and only while the data it rests
    on is unchanged. The selected candidates are frozen from then on."""
    program = selection.program
    _require(can_approve(actor), actor, program, "Hanya pejabat penetap kabupaten ini yang menyetujui seleksi.")
    if actor is not None and actor.pk in (selection.proposed_by_id, selection.computed_by_id):
        raise SelectionRefused("Yang menghitung atau mengajukan seleksi tidak boleh menyetujuinya sendiri.")
    if selection.status == SelectionStatus.PROPOSED:
        _refuse_stale(selection)
    with transaction.atomic():
        now = timezone.now()
        _move(selection, SelectionStatus.APPROVED, decided_by=actor, decided_at=now)
        selected = selection.entries.filter(outcome="selected").values("candidate_id")
        frozen = Candidate.objects.filter(pk__in=selected).update(frozen_at=now)
        _audit(selection, "approve", actor, {**_totals(selection), "frozen": frozen})


def _refuse_stale(selection: Selection) -> None:
    program = _fresh(selection.program)
    try:
        now = selection_inputs(program)
    except CostError as exc:
        raise SelectionRefused(str(exc)) from None
    if plan_digest(now.snapshot()) != plan_digest(selection.inputs):
        raise SelectionRefused(
            "Anggaran, biaya, kuota atau bobot prioritas berubah setelah seleksi dihitung; "
            "minta verifikator menghitung ulang."
        )
    if candidates_digest(program) != selection.inputs.get("candidates_digest"):
        names = _changed_since(program, selection.computed_at)
        example = f" (mis. {', '.join(names)})" if names else ""
        raise SelectionRefused(
            f"Data calon berubah setelah seleksi dihitung{example}; minta verifikator menghitung ulang."
        )


def _changed_since(program: Program, moment) -> list[str]:
    changed = Q(updated_at__gt=moment) | Q(person__updated_at__gt=moment) | Q(verification__decided_at__gt=moment)
    changed |= Q(verification__verified_at__gt=moment)
    rows = Candidate.objects.filter(program=program).filter(changed).order_by("pk")
    return list(rows.values_list("person__full_name", flat=True)[:3])


def selection_return(*, selection: Selection, note: str, actor) -> None:
    """The pejabat penetap sends a proposed selection back to the verifier, saying why."""
    program = selection.program
    _require(can_approve(actor), actor, program, "Hanya pejabat penetap kabupaten ini yang mengembalikan seleksi.")
    note = " ".join(note.split())
    if not note:
        raise SelectionRefused("Tulis alasan pengembalian, agar verifikator tahu apa yang harus diubah.")
    with transaction.atomic():
        _move(selection, SelectionStatus.RETURNED, decided_by=actor, decided_at=timezone.now(), note=note)
        _audit(selection, "return", actor, {"note": note})
