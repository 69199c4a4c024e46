"""One person at a time: the village form, and proposals a verifier returned for correction."""

from django.db import transaction
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.people.models import Person, PersonGroup

from ..lifecycle import CANDIDATE_TRANSITIONS, CandidateStatus
from ..models import Candidate, Source
from ..rules import Issue, RowResult, check_row
from ..selectors import row_context
from .commit import _fill_person
from .common import IntakeError, move, refuse_frozen


class EntryRefused(IntakeError):
    """A form entry that cannot be saved as it is: ``result`` holds every problem, by field."""

    def __init__(self, message: str, result: RowResult):
        super().__init__(message)
        self.result = result


def entry_check(*, program, region, raw: dict, candidate: Candidate | None = None) -> RowResult:
    """The checks of an uploaded row, for one person typed into the form (live, as the operator types)."""
    ctx = row_context(regency=program.regency_id, upload_region=region.code, today=timezone.localdate())
    result = check_row(raw, ctx)
    if result.nik:
        taken = Candidate.objects.filter(program=program, person__nik=result.nik)
        if candidate is not None:
            taken = taken.exclude(pk=candidate.pk)
        if taken.exists():
            result.issues.append(Issue("nik", "already_proposed", "error", ALREADY_PROPOSED))
    return result


ALREADY_PROPOSED = "NIK ini sudah diusulkan untuk program ini (sudah ada)."
NIK_TAKEN = "NIK ini sudah terdaftar atas nama orang lain di registri. Periksa kembali KTP-nya."


def _entry_or_refuse(result: RowResult, accept_warnings: bool) -> None:
    if result.status == "error":
        raise EntryRefused("Data belum bisa disimpan: perbaiki isian yang ditandai.", result)
    if result.status == "warning" and not accept_warnings:
        raise EntryRefused("Periksa peringatan yang ditandai, lalu centang bahwa data sudah sesuai KTP/KK.", result)


def candidate_propose(*, program, region, raw: dict, accept_warnings: bool, actor) -> Candidate:
    """A village operator's single entry: the same checks as an upload row, then a person and a candidate."""
    result = entry_check(program=program, region=region, raw=raw)
    _entry_or_refuse(result, accept_warnings)
    values = result.cleaned()
    with transaction.atomic():
        person = Person.objects.filter(nik=values["nik"]).first()
        if person is None:
            person = _fill_person(Person(), values)
            person.save()
            _set_groups(person, values["groups"])
        candidate = Candidate(program=program, person=person, source=Source.USULAN, proposed_by=actor)
        candidate.set_village(person.village_id)
        candidate.save()
        _audit_candidate(candidate, "propose", actor, {"warnings": [i.code for i in result.issues]})
    return candidate


def _set_groups(person: Person, groups) -> None:
    PersonGroup.objects.filter(person=person).exclude(group__in=groups).delete()
    PersonGroup.objects.bulk_create(
        [PersonGroup(person=person, group=group) for group in groups], ignore_conflicts=True
    )


def _audit_candidate(candidate: Candidate, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"intake.candidate_{action}",
        object_type="candidate",
        object_id=candidate.pk,
        region_code=candidate.village_id,
        detail=detail,
    )


def _move_candidate(candidate: Candidate, target: CandidateStatus, **fields) -> None:
    move(candidate, CANDIDATE_TRANSITIONS, target, **fields)


def candidate_return(*, candidate: Candidate, message: str, actor) -> None:
    """A verifier sends a proposal back to its village with what to fix."""
    refuse_frozen(candidate)
    message = " ".join(message.split())
    if not message:
        raise IntakeError("Tulis apa yang harus diperbaiki desa, agar operator tahu alasannya.")
    with transaction.atomic():
        _move_candidate(candidate, CandidateStatus.RETURNED, return_message=message)
        _audit_candidate(candidate, "return", actor, {"message": message})


def candidate_reject(*, candidate: Candidate, note: str, actor) -> None:
    """A verifier refuses a proposal for good (verification found it cannot be paid for); the note says why."""
    refuse_frozen(candidate)
    note = " ".join(note.split())
    if not note:
        raise IntakeError("Tulis alasan penolakan, agar desa dan pemeriksa tahu sebabnya.")
    with transaction.atomic():
        _move_candidate(candidate, CandidateStatus.REJECTED, return_message=note)
        _audit_candidate(candidate, "reject", actor, {"note": note})


def candidate_resubmit(*, candidate: Candidate, raw: dict, accept_warnings: bool, actor) -> None:
    """The village corrects a returned proposal: the person's record takes the corrected values (the village
    holds the KTP and KK), and the proposal goes back to the verifier."""
    refuse_frozen(candidate)
    region = candidate.village
    result = entry_check(program=candidate.program, region=region, raw=raw, candidate=candidate)
    person = candidate.person
    if result.nik and result.nik != person.nik and Person.objects.filter(nik=result.nik).exists():
        result.issues.append(Issue("nik", "nik_taken", "error", NIK_TAKEN))
    _entry_or_refuse(result, accept_warnings)
    values = result.cleaned()
    with transaction.atomic():
        before = {field: getattr(person, field) for field in CORRECTABLE}
        _fill_person(person, values)
        person.save()
        _set_groups(person, values["groups"])
        candidate.set_village(person.village_id)
        _move_candidate(candidate, CandidateStatus.RESUBMITTED, **_village_fields(candidate))
        changed = sorted(field for field in CORRECTABLE if getattr(person, field) != before[field])
        _audit_candidate(candidate, "resubmit", actor, {"changed": changed})


def _village_fields(obj) -> dict:
    return {name: getattr(obj, name) for name in ("village_id", "province_code", "regency_code", "district_code")}


#: Fields of a person a village may correct on a returned proposal (the audit row names the changed ones).
CORRECTABLE = (
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "street",
    "rt",
    "rw",
    "village_id",
    "phone",
    "occupation",
)
