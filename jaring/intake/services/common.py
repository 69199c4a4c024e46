"""What every intake service shares: the error it raises, the audit row, moves along the transition table,
and queueing background work once a transaction has committed."""

from django.db import transaction

from jaring.audit.services import audit_record

from ..lifecycle import BATCH_TRANSITIONS, BatchStatus, check_transition
from ..models import ImportBatch

CHUNK = 2000


class IntakeError(ValueError):
    """A request intake refuses; the message says why, in Bahasa Indonesia."""


#: Said when a change reaches a candidate an approved selection froze (``Candidate.frozen_at``).
FROZEN = (
    "{name} sudah ditetapkan dalam seleksi yang disetujui; datanya tidak bisa diubah lagi. "
    "Perubahan penerima hanya lewat SK perubahan."
)


def refuse_frozen(candidate) -> None:
    """Stop any change to a candidate an approved selection includes (the programs layer sets the mark)."""
    if candidate.frozen_at is not None:
        raise IntakeError(FROZEN.format(name=candidate.person.full_name))


def _enqueue_on_commit(task_name: str, *args) -> None:
    """Queue a task of intake.tasks once the surrounding transaction has committed (it reads what we wrote)."""
    from .. import tasks  # tasks call these services; importing at call time keeps the cycle out

    transaction.on_commit(lambda: getattr(tasks, task_name).enqueue(*args))


def _audit(batch: ImportBatch, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"intake.{action}",
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_id,
        detail=detail,
    )


def move(obj, table: dict, target, **fields) -> None:
    """Change ``obj.status`` along its transition table (lifecycle.py), saving it with ``fields``."""
    check_transition(table, type(target)(obj.status), target)
    obj.status = target
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save(update_fields=["status", "updated_at", *fields])


def _move(batch: ImportBatch, target: BatchStatus, **fields) -> None:
    move(batch, BATCH_TRANSITIONS, target, **fields)
