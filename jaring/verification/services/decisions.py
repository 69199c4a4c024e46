"""What a verifier decides about a result: take the registry's data, accept as is, return to the village,
reject. One at a time or in bulk; each decision checked against the transition table, scoped and audited."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from jaring.accounts.scoping import can_register, can_verify, may_act
from jaring.civil.models import CivilRecord
from jaring.intake.lifecycle import TransitionRefused, check_transition
from jaring.intake.services import IntakeError, candidate_reject, candidate_return, refuse_frozen
from jaring.people.models import Person

from ..lifecycle import ACCEPTS, DECISION_TRANSITIONS, Decision, Status
from ..messages import BPJS_NO_REASON, TEXTS
from ..models import VerificationResult
from .common import VerificationError, audit, require_verifier

#: Findings about the proposal's data, which the registry's data can replace.
REGISTRY_FIXES = (Status.MISMATCH, Status.NIK_CORRECTED)
PERSON_FIELDS = ("nik", "full_name", "birth_date", "sex", "village_id")


#: The finding enrollment adds when BPJS rejects a recipient's registration (the reason text in ``ours``).
BPJS_REJECTED = "bpjs_rejected"


def bpjs_rejection_open(result: VerificationResult) -> bool:
    """BPJS rejected the recipient and no verifier has decided since."""
    return result.decision == Decision.PENDING and any(r.get("code") == BPJS_REJECTED for r in result.reasons or ())


def _refuse_frozen(result: VerificationResult, *, accepting: bool = False) -> None:
    """A frozen candidate changes only by an SK perubahan, with one exception: after BPJS rejected the recipient,
    the verifier may accept the checked (or corrected) data again, so that the next registration file holds it."""
    if accepting and bpjs_rejection_open(result):
        return
    try:
        refuse_frozen(result.candidate)
    except IntakeError as exc:
        raise VerificationError(str(exc)) from None


def _decide(result: VerificationResult, decision: Decision, actor, note: str = "", detail: dict | None = None):
    _refuse_frozen(result, accepting=decision in ACCEPTS)
    try:
        check_transition(DECISION_TRANSITIONS, Decision(result.decision), decision)
    except TransitionRefused:
        raise VerificationError(
            f"Keputusan untuk {result.candidate.person.full_name} sudah {result.get_decision_display()}; "
            "tidak bisa diubah ke keputusan ini."
        ) from None
    result.decision, result.note = decision, note
    result.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    result.decided_at = timezone.now()
    result.save(update_fields=["decision", "note", "decided_by", "decided_at", *_village_fields()])
    audit(
        f"decision_{decision.value}",
        actor,
        object_type="verification_result",
        object_id=result.pk,
        region_code=result.village_id,
        detail={"status": result.status, "note": note, **(detail or {})},
    )


def _village_fields() -> list[str]:
    return ["village", "district_code", "regency_code", "province_code"]


def _required(text: str, message: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise VerificationError(message)
    return text


def result_accept_registry(*, result: VerificationResult, actor) -> None:
    """The registry is right: its name, birth date, sex, village (and NIK, when it proposed one) replace the
    person's data."""
    require_verifier(actor, result.village_id)
    _refuse_frozen(result, accepting=True)
    if result.status not in REGISTRY_FIXES or not result.registry_nik:
        raise VerificationError(
            "Tidak ada data kependudukan yang bisa diterima untuk calon ini; pilih 'Terima apa adanya' dengan catatan."
        )
    record = CivilRecord.objects.filter(nik=result.registry_nik).first()
    if record is None:
        raise VerificationError(f"NIK {result.registry_nik} tidak ada lagi di data kependudukan; jalankan ulang.")
    person = result.candidate.person
    _refuse_taken_nik(person, record.nik, result.program_id)
    with transaction.atomic():
        before = {name: str(getattr(person, name) or "") for name in PERSON_FIELDS}
        person.nik, person.full_name, person.birth_date, person.sex = (
            record.nik, record.full_name, record.birth_date, record.sex
        )  # fmt: skip
        person.set_village(record.village_id)
        person.save()
        candidate = result.candidate
        candidate.set_village(record.village_id)
        candidate.save(update_fields=["updated_at", *_village_fields()])
        result.set_village(record.village_id)
        changed = {k: [v, str(getattr(person, k) or "")] for k, v in before.items() if v != str(getattr(person, k))}
        _decide(result, Decision.ACCEPTED_REGISTRY, actor, detail={"changed": changed})


def _refuse_taken_nik(person: Person, nik: str, program_id: int) -> None:
    """One person per NIK: the registry's NIK may already belong to another person record."""
    other = Person.objects.filter(nik=nik).exclude(pk=person.pk).first()
    if other is None:
        return
    if other.candidacies.filter(program_id=program_id).exists():
        raise VerificationError(
            f"NIK {nik} sudah dipakai {other.full_name}, yang juga diusulkan dalam program ini: ini usulan ganda. "
            "Tolak salah satu usulan."
        )
    raise VerificationError(
        f"NIK {nik} sudah tercatat atas nama {other.full_name} di daftar orang, tanpa usulan di program ini. "
        f"Bila orangnya sama, kembalikan usulan ini ke desa agar diusulkan ulang dengan NIK {nik}; "
        "bila berbeda, perbaiki dulu data orang yang memakai NIK itu."
    )


def result_accept_as_is(*, result: VerificationResult, note: str, actor) -> None:
    """The proposal stands despite the finding; the note says why (an auditor will ask)."""
    require_verifier(actor, result.village_id)
    note = _required(note, "Tulis catatan mengapa usulan diterima apa adanya.")
    with transaction.atomic():
        _decide(result, Decision.ACCEPTED_AS_IS, actor, note)


def result_return(*, result: VerificationResult, message: str, actor) -> None:
    """Back to the village, which sees the message on its Calon page, fixes the data and resubmits."""
    require_verifier(actor, result.village_id)
    message = _required(message, "Tulis apa yang harus diperbaiki desa, agar operator tahu alasannya.")
    with transaction.atomic():
        _decide(result, Decision.RETURNED, actor, message)
        _on_candidate(candidate_return, candidate=result.candidate, message=message, actor=actor)


def result_reject(*, result: VerificationResult, note: str, actor) -> None:
    require_verifier(actor, result.village_id)
    note = _required(note, "Tulis alasan penolakan.")
    with transaction.atomic():
        _decide(result, Decision.REJECTED, actor, note)
        _on_candidate(candidate_reject, candidate=result.candidate, note=note, actor=actor)


def _on_candidate(service, **kwargs) -> None:
    try:
        service(**kwargs)
    except (IntakeError, TransitionRefused) as exc:
        raise VerificationError(f"Status usulan tidak mengizinkan ini: {exc}") from None


def result_reopen_after_bpjs(*, result: VerificationResult, bpjs_reason: str, actor) -> None:
    """BPJS rejected the recipient's registration: back to the verifier's queue, decision pending, with BPJS's
    reason as the finding ``bpjs_rejected`` (and as the note the queue shows).

    The candidate stays frozen: the verifier may only accept it again once the data is right (it is then in the
    next registration file); rejecting or returning it needs an SK perubahan. Called by enrollment's results
    import, by a verifier or a BPJS officer of the region, or by the system (``actor`` None)."""
    _require_bpjs_actor(actor, result.village_id)
    reason = " ".join((bpjs_reason or "").split())[:500] or BPJS_NO_REASON
    before = result.decision
    if before != Decision.PENDING:
        check_transition(DECISION_TRANSITIONS, Decision(before), Decision.PENDING)
    kept = [r for r in result.reasons or () if r.get("code") != BPJS_REJECTED]
    result.reasons = [*kept, {"code": BPJS_REJECTED, "field": "bpjs", "ours": reason, "registry": ""}]
    result.decision, result.note = Decision.PENDING, TEXTS[BPJS_REJECTED].format(ours=reason)
    result.decided_by, result.decided_at = None, None
    with transaction.atomic():
        result.save(update_fields=["reasons", "decision", "note", "decided_by", "decided_at"])
        audit(
            "bpjs_rejected",
            actor,
            object_type="verification_result",
            object_id=result.pk,
            region_code=result.village_id,
            detail={"decision": before, "reason": reason},
        )


def _require_bpjs_actor(actor, region_code: str) -> None:
    if not may_act(actor, region_code, lambda user: can_verify(user) or can_register(user)):
        raise VerificationError("Anda tidak berwenang mencatat hasil pendaftaran BPJS di wilayah ini.")


ACTIONS = {
    "accept_registry": lambda result, text, actor: result_accept_registry(result=result, actor=actor),
    "accept_as_is": lambda result, text, actor: result_accept_as_is(result=result, note=text, actor=actor),
    "return": lambda result, text, actor: result_return(result=result, message=text, actor=actor),
    "reject": lambda result, text, actor: result_reject(result=result, note=text, actor=actor),
}


@dataclass
class BulkOutcome:
    done: int = 0
    refused: list[str] = field(default_factory=list)  # one sentence per result not decided, naming the person


def results_decide(*, ids: list[int], action: str, text: str, actor) -> BulkOutcome:
    """The same decision over several results; each stands on its own, so one refusal does not undo the rest."""
    if action not in ACTIONS:
        raise VerificationError("Tindakan tidak dikenal.")
    outcome = BulkOutcome()
    queryset = VerificationResult.objects.filter(pk__in=ids).select_related("candidate__person", "program")
    for result in queryset.order_by("pk"):
        try:
            ACTIONS[action](result, text, actor)
            outcome.done += 1
        except VerificationError as exc:
            outcome.refused.append(f"{result.candidate.person.full_name}: {exc}")
    return outcome
