"""Every change of a membership's status goes through ``membership_transition``, along MEMBERSHIP_TRANSITIONS,
leaving a MembershipEvent and an audit row (DESIGN.md §5.1, §5.3)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from jaring.core.regioncodes import contains
from jaring.decrees.lifecycle import DecreeKind, RecipientChange
from jaring.decrees.models import DecreeRecipient

from ..lifecycle import MembershipRefused, MembershipStatus, check_transition
from ..models import Membership, MembershipEvent
from ..rules import removal_end
from .common import EnrollmentError, audit

ACTIVATED = "Tanggal mulai kepesertaan tercapai."
REMOVED = "Dihapus dari daftar penerima oleh SK perubahan {number}: {reason}"
MAX_REASON = 200


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def membership_transition(*, membership: Membership, to: str, effective: date, reason: str, actor) -> Membership:
    """Move ``membership`` to status ``to`` from ``effective`` on, with the reason. An ended membership keeps its
    last day in ``end``. Callers decide who may cause the change (the results import, a final SK perubahan,
    the activation run); here the actor must at least be inside the membership's region, or be the system."""
    target = MembershipStatus(to)
    scope = getattr(actor, "scope_code", None)
    if actor is not None and scope is not None and not contains(scope, membership.village_id):
        raise EnrollmentError("Kepesertaan ini berada di luar wilayah Anda.")
    reason = " ".join((reason or "").split())[:MAX_REASON]
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        before = locked.status
        try:
            check_transition(before, target)
        except MembershipRefused as exc:
            raise EnrollmentError(str(exc)) from None
        locked.status, locked.status_reason = target, reason
        if target == MembershipStatus.ENDED:
            locked.end = effective
        locked.save(update_fields=["status", "status_reason", "end", "updated_at"])
        MembershipEvent.objects.create(
            membership=locked,
            from_status=before,
            to_status=target,
            effective=effective,
            reason=reason,
            actor=_user(actor),
        )
        audit(
            f"membership_{target.value}",
            actor,
            object_type="membership",
            object_id=locked.pk,
            region_code=locked.village_id,
            detail={"from": before, "to": target.value, "effective": effective.isoformat(), "reason": reason},
        )
    membership.status, membership.status_reason, membership.end = locked.status, locked.status_reason, locked.end
    return locked


def memberships_due(*, today: date, program=None):
    """Pending memberships whose start date has come (what the activation run would activate)."""
    due = Membership.objects.filter(status=MembershipStatus.PENDING, start__lte=today)
    return due.filter(program=program) if program is not None else due


def memberships_activate_due(*, today: date, actor, program=None) -> int:
    """Pending memberships become active on their start date; run by the results import and by
    ``jaring memberships-activate``. Returns how many changed."""
    done = 0
    with transaction.atomic():
        for membership in memberships_due(today=today, program=program).order_by("pk").iterator(chunk_size=1000):
            membership_transition(
                membership=membership, to=MembershipStatus.ACTIVE, effective=membership.start, reason=ACTIVATED,
                actor=actor,
            )  # fmt: skip
            done += 1
    return done


def memberships_end_removed(*, decree, actor) -> int:
    """A final SK perubahan ended the cover of the recipients it removed: their memberships in the program end at
    the end of the month in which it was signed (``rules.removal_end``), with the row's reason, or the decree's.
    Connected to ``decrees.signals.decree_finalized`` in EnrollmentConfig.ready; runs in the decree's
    transaction, so a failure here leaves the decree a draft."""
    if decree.kind != DecreeKind.AMENDMENT:
        return 0
    signed = decree.signed_on or timezone.localdate(decree.finalized_at or timezone.now())
    end = removal_end(signed)
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
