"""Reads of decrees, always scoped by the reader's region."""

from django.db.models import QuerySet

from jaring.accounts.scoping import region_q, scope_people

from .lifecycle import DecreeStatus, RecipientChange
from .models import Decree, DecreeRecipient


def latest_final_decree(program) -> Decree | None:
    """The last final decree of the program's chain (an amendment, or the original when none)."""
    return Decree.objects.filter(program=program, status=DecreeStatus.FINAL).order_by("-finalized_at", "-id").first()


def current_recipients(program) -> QuerySet[DecreeRecipient]:
    """Who the program pays for now: the list of its latest final decree, without the rows it removed.
    Not scoped: callers that show people scope it with ``scope_people``."""
    decree = latest_final_decree(program)
    if decree is None:
        return DecreeRecipient.objects.none()
    return DecreeRecipient.objects.filter(decree=decree).exclude(change=RecipientChange.REMOVED)


def recipients_visible_to(user, decree: Decree) -> QuerySet[DecreeRecipient]:
    return scope_people(DecreeRecipient.objects.filter(decree=decree), user)


def decrees_visible_to(user, program) -> QuerySet[Decree]:
    code = getattr(user, "scope_code", None)
    if code is not None and not program.regency_id.startswith(code[:5]):
        return Decree.objects.none()
    return Decree.objects.filter(program=program).filter(region_q(None)).order_by("created_at", "id")
