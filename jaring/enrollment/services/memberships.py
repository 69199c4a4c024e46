"""Every change of a membership's status goes through ``membership_transition``, along MEMBERSHIP_TRANSITIONS,
leaving a MembershipEvent and an audit row (DESIGN.md §5.1, §5.3)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from jaring.core.regioncodes import contains
from jaring.decrees.lifecycle import DecreeKind, RecipientChange
from jaring.decrees.models import DecreeRecipient

from ..changes import announce
from ..lifecycle import MembershipRefused, MembershipStatus, check_transition
from ..models import Membership, MembershipEvent
from ..rules import removal_end
from .common import EnrollmentError, audit_many

ACTIVATED = "Tanggal mulai kepesertaan tercapai."
REMOVED = "Dihapus dari daftar penerima oleh SK perubahan {number}: {reason}"
MAX_REASON = 200
#: Memberships per transaction of the activation run (SQLite's parameter limit, and short locks).
CHUNK = 2000


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def membership_transition(*, membership: Membership, to: str, effective: date, reason: str, actor) -> Membership:
    """Move ``membership`` to status ``to`` from ``effective`` on, with the reason. An ended membership keeps its
    last day in ``end``. Callers decide who may cause the change (the results import, a final SK perubahan,
    the activation run); here the actor must at least be inside the membership's region, or be the system."""
    (changed,) = memberships_transition(changes=[(membership, effective)], to=to, reason=reason, actor=actor)
    membership.status, membership.status_reason, membership.end = changed.status, changed.status_reason, changed.end
    return changed


def memberships_transition(*, changes: list[tuple[Membership, date]], to: str, reason: str, actor) -> list[Membership]:
    """``membership_transition`` for many memberships at once, each with its effective date: all of them or
    none (one refused move refuses the lot), each with its MembershipEvent and audit row, in a few queries
    whatever the count (a regency activates 10,000 memberships on the PKS's start date)."""
    target = MembershipStatus(to)
    reason = " ".join((reason or "").split())[:MAX_REASON]
    effective = {m.pk: day for m, day in changes}
    with transaction.atomic():
        locked = list(Membership.objects.select_for_update().filter(pk__in=list(effective)).order_by("pk"))
        for membership in locked:
            _check(membership, target, actor)
        now, before = timezone.now(), {m.pk: m.status for m in locked}
        for membership in locked:
            membership.status, membership.status_reason, membership.updated_at = target, reason, now
            if target == MembershipStatus.ENDED:
                membership.end = effective[membership.pk]
        _store(locked, target, reason, now, effective)
        if target == MembershipStatus.ENDED:
            for program_id in {m.program_id for m in locked}:
                announce(program_id)
        MembershipEvent.objects.bulk_create(
            [
                MembershipEvent(membership=m, from_status=before[m.pk], to_status=target, effective=effective[m.pk],
                                reason=reason, actor=_user(actor))
                for m in locked
            ],
            batch_size=1000,
        )  # fmt: skip
        audit_many(
            f"membership_{target.value}",
            actor,
            object_type="membership",
            rows=[
                (m.pk, m.village_id, {"from": before[m.pk], "to": target.value, "kpj": m.kpj, "reason": reason,
                                      "effective": effective[m.pk].isoformat()})
                for m in locked
            ],
        )  # fmt: skip
    return locked


def _store(locked: list[Membership], target: MembershipStatus, reason: str, now, effective: dict) -> None:
    """One UPDATE for all (one per last day when ending): faster than bulk_update's CASE over thousands of rows."""
    by_end: dict[date | None, list[int]] = {}
    for membership in locked:
        by_end.setdefault(membership.end, []).append(membership.pk)
    for end, pks in by_end.items():
        for start in range(0, len(pks), CHUNK):
            Membership.objects.filter(pk__in=pks[start : start + CHUNK]).update(
                status=target, status_reason=reason, end=end, updated_at=now
            )


def _check(membership: Membership, target: MembershipStatus, actor) -> None:
    scope = getattr(actor, "scope_code", None)
    if actor is not None and scope is not None and not contains(scope, membership.village_id):
        raise EnrollmentError("Kepesertaan ini berada di luar wilayah Anda.")
    try:
        check_transition(membership.status, target)
    except MembershipRefused as exc:
        raise EnrollmentError(str(exc)) from None


def memberships_due(*, today: date, program=None):
    """Pending memberships whose start date has come (what the activation run would activate)."""
    due = Membership.objects.filter(status=MembershipStatus.PENDING, start__lte=today)
    return due.filter(program=program) if program is not None else due


def memberships_activate_due(*, today: date, actor, program=None) -> int:
    """Pending memberships become active on their start date; run by the results import and by
    ``jaring memberships-activate``. Returns how many changed."""
    due = list(memberships_due(today=today, program=program).order_by("pk"))
    done = 0
    for start in range(0, len(due), CHUNK):
        chunk = due[start : start + CHUNK]
        memberships_transition(changes=[(m, m.start) for m in chunk], to=MembershipStatus.ACTIVE, reason=ACTIVATED,
                               actor=actor)  # fmt: skip
        done += len(chunk)
    return done


def memberships_end_removed(*, decree, actor) -> int:
    """A final SK perubahan ended the cover of the recipients it removed: their memberships in the program end on
    the last day of the month before its changes take effect (or, without that month, at the end of the month it
    was signed in: ``rules.removal_end``), with the row's reason, or the decree's. Connected to
    ``decrees.signals.decree_finalized`` in EnrollmentConfig.ready; runs in the decree's transaction, so a
    failure here leaves the decree a draft."""
    if decree.kind != DecreeKind.AMENDMENT:
        return 0
    signed = decree.signed_on or timezone.localdate(decree.finalized_at or timezone.now())
    end = removal_end(signed_on=signed, effective_from=decree.effective_from)
    removed = DecreeRecipient.objects.filter(decree=decree, change=RecipientChange.REMOVED)
    reasons = dict(removed.values_list("person_id", "reason"))
    members = Membership.objects.filter(program_id=decree.program_id, person_id__in=list(reasons))
    done = 0
    for membership in members.exclude(status=MembershipStatus.ENDED).order_by("pk"):
        why = reasons[membership.person_id] or decree.reason or "-"
        text = REMOVED.format(number=decree.number or f"#{decree.pk}", reason=why)
        membership_transition(membership=membership, to=MembershipStatus.ENDED, effective=end, reason=text, actor=actor)
        done += 1
    return done
