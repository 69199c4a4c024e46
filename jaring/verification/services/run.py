"""Starting a verification run and doing it: compute, then write only the results whose fingerprint changed."""

import logging
import time
from collections import Counter

from django.db import transaction
from django.utils import timezone

from jaring.intake.lifecycle import check_transition

from ..lifecycle import DECISION_TRANSITIONS, RUN_TRANSITIONS, Decision, RunStatus, Status
from ..models import VerificationResult, VerificationRun
from ..rules import RulesConfigError
from .common import VerificationError, audit, require_verifier
from .compute import Outcome, Progress, verification_compute
from .decisions import BPJS_REJECTED, bpjs_rejection_open
from .remote import ANSWERED

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5
RESULT_FIELDS = ["run", "status", "score", "registry_nik", "reasons", "fingerprint", "verified_at"]
DECISION_FIELDS = ["decision", "note", "decided_by", "decided_at"]
FAILURE = "Verifikasi berhenti karena kesalahan sistem; keputusan yang sudah ada tidak berubah. Coba lagi."


def verification_start(*, program, actor, background: bool = True) -> VerificationRun:
    """Queue a run of the program's verification in the background worker; one at a time per program.

    Without ``background`` the caller runs it with ``verification_run`` (the command line, the demo)."""
    require_verifier(actor, program.regency_id)
    with transaction.atomic():
        busy = VerificationRun.objects.select_for_update().filter(
            program=program, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
        )
        if busy.exists():
            raise VerificationError("Verifikasi program ini sedang berjalan; tunggu sampai selesai.")
        run = VerificationRun.objects.create(program=program, started_by=actor)
        _audit_run(run, "run_start", actor)
        from .. import tasks  # the task calls verification_run; importing here keeps the cycle out

        if background:
            transaction.on_commit(lambda: tasks.verify_program.enqueue(run.pk))
    return run


def _audit_run(run: VerificationRun, action: str, actor, detail: dict | None = None) -> None:
    region = run.program.regency_id
    audit(action, actor, object_type="verification_run", object_id=run.pk, region_code=region, detail=detail)


def _move_run(run: VerificationRun, target: RunStatus, **fields) -> None:
    check_transition(RUN_TRANSITIONS, RunStatus(run.status), target)
    run.status = target
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=["status", "updated_at", *fields])


def verification_run(*, run: VerificationRun, progress: Progress | None = None) -> VerificationRun:
    """Do a queued run. A failure marks the run failed and leaves every result and decision as it was."""
    _move_run(run, RunStatus.RUNNING, started_at=timezone.now())
    try:
        outcomes = verification_compute(run.program, progress=_progress_saver(run, progress))
        with transaction.atomic():
            written, counts = _store(run, outcomes)
            _move_run(run, RunStatus.DONE, counts=counts, written=written, finished_at=timezone.now())
            _audit_run(run, "run_done", run.started_by, {"counts": counts, "written": written})
    except (RulesConfigError, VerificationError) as exc:
        _fail(run, str(exc))
    except Exception:
        logger.exception("verification run %s failed", run.pk)
        _fail(run, FAILURE)
    return run


def _fail(run: VerificationRun, message: str) -> None:
    _move_run(run, RunStatus.FAILED, error=message, finished_at=timezone.now())
    _audit_run(run, "run_failed", run.started_by, {"error": message})


def _progress_saver(run: VerificationRun, outer: Progress | None) -> Progress:
    """Store progress on the run for the page's progress bar, at most every half second."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        if outer:
            outer(done, total)
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS or done == total:
            last[0] = now
            VerificationRun.objects.filter(pk=run.pk).update(progress_done=done, progress_total=total)
            run.progress_done, run.progress_total = done, total

    return report


def _store(run: VerificationRun, outcomes: list[Outcome]) -> tuple[int, dict[str, int]]:
    """Insert new results, rewrite changed ones, leave the rest alone; counts by status afterwards."""
    existing = {r.candidate_id: r for r in VerificationResult.objects.filter(program=run.program)}
    now, new, changed, resets = timezone.now(), [], [], []
    counts: Counter[str] = Counter()
    for outcome in outcomes:
        result = existing.get(outcome.candidate_id)
        if result is None:
            result = VerificationResult(candidate_id=outcome.candidate_id, program=run.program)
            result.set_village(outcome.village)
            new.append(_fill(result, outcome, run, now))
        elif result.fingerprint != outcome.fingerprint:
            bpjs = _open_bpjs_rejection(result)
            if _reset_decision(result, outcome):
                resets.append((result, result.decision))
                _undecide(result)
            changed.append(_fill(result, outcome, run, now))
            result.reasons += bpjs
        elif outcome.remote == ANSWERED and result.status != outcome.status:
            # The remote verifier answered where it was down or absent before: the check is finished now.
            changed.append(_fill(result, outcome, run, now))
        counts[result.status] += 1
    VerificationResult.objects.bulk_create(new, batch_size=1000)
    VerificationResult.objects.bulk_update(changed, RESULT_FIELDS + DECISION_FIELDS, batch_size=1000)
    for result, before in resets:
        detail = {"decision": before, "status": result.status}
        audit("decision_reset", run.started_by, object_type="verification_result", object_id=result.pk,
              region_code=result.village_id, detail=detail)  # fmt: skip
    return len(new) + len(changed), dict(sorted(counts.items()))


def _open_bpjs_rejection(result: VerificationResult) -> list[dict]:
    """BPJS's rejection is not a finding a run recomputes: while it awaits the verifier, a rewrite keeps it."""
    return [r for r in result.reasons if r.get("code") == BPJS_REJECTED] if bpjs_rejection_open(result) else []


def _reset_decision(result: VerificationResult, outcome: Outcome) -> bool:
    """A decision stands only on the data it was taken on. Accepting the registry's data makes the proposal
    equal to the registry: the valid result that follows is the decision's own effect, not new data."""
    if result.decision == Decision.PENDING:
        return False
    return not (result.decision == Decision.ACCEPTED_REGISTRY and outcome.status == Status.VALID)


def _undecide(result: VerificationResult) -> None:
    check_transition(DECISION_TRANSITIONS, Decision(result.decision), Decision.PENDING)
    result.decision, result.note, result.decided_by, result.decided_at = Decision.PENDING, "", None, None


def _fill(result: VerificationResult, outcome: Outcome, run: VerificationRun, now) -> VerificationResult:
    result.run = run
    result.status = outcome.status
    result.score = outcome.score
    result.registry_nik = outcome.registry_nik
    result.reasons = list(outcome.reasons)
    result.fingerprint = outcome.fingerprint
    result.verified_at = now
    return result
