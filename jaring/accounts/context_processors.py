from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .scoping import can_approve, can_plan, can_propose, can_register, can_see_people, can_verify


def navigation(request):
    """Menu entries for the signed-in user's role; later stages add theirs here."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav_items": []}
    items = [(_("Home"), reverse("monitoring:home"), "home")]
    if can_see_people(user):
        items.append((_("People"), reverse("people:list"), "people"))
    if can_propose(user):
        items.append((_("Proposals"), reverse("intake:home"), "intake"))
        items.append((_("Candidates"), reverse("intake:candidates"), "candidates"))
    if can_propose(user) and not can_verify(user):  # the village operator reports deaths and moves there
        items.append((_("Report a death or move"), reverse("billing:report_home"), "billing"))
    if can_verify(user):
        items.append((_("Verification"), reverse("verification:home"), "verification"))
    if can_plan(user) or can_verify(user) or can_approve(user):
        items.append((_("Programs"), reverse("programs:list"), "programs"))
        items.append((_("Simulator"), reverse("programs:simulator"), "simulator"))
    if can_verify(user) or can_register(user):
        items.append((_("BPJS registration"), reverse("enrollment:home"), "enrollment"))
    if can_register(user) or can_verify(user) or can_plan(user) or can_approve(user):  # billing.may_read_billing
        items.append((_("Contribution billing"), reverse("billing:home"), "billing"))
    if can_plan(user) or can_verify(user) or can_approve(user):  # donations.selectors: who sees donations
        items.append((_("Donations"), reverse("donations:home"), "donations"))
    if user.role:  # every role reads the coverage figures of its own scope; the dashboard links the rest
        items.append((_("Coverage dashboard"), reverse("monitoring:dashboard"), "dashboard"))
        items.append((_("Reports"), reverse("monitoring:reports"), "reports"))
    if user.role in (Role.PEMANTAU, Role.ADMIN):  # monitoring.services_summaries.may_monitor
        items.append((_("Roll-up"), reverse("monitoring:rollup"), "rollup"))
    if user.role == Role.ADMIN and user.is_staff:
        items.append((_("Administration"), reverse("admin:index"), "admin"))
    return {"nav_items": items}
