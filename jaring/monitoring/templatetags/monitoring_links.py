"""The links between the monitoring pages, shown above each of them (the main menu holds only the dashboard,
the reports and the roll-up, so a verifier's menu stays one line)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from jaring.accounts.roles import Role

from ..selectors_denominators import may_load_denominators

register = template.Library()


@register.inclusion_tag("monitoring/_links.html", takes_context=True)
def monitoring_links(context, active: str):
    user = context["request"].user
    links = [("dashboard", _("Coverage dashboard"), reverse("monitoring:dashboard"))]
    links.append(("reports", _("Reports"), reverse("monitoring:reports")))
    if may_load_denominators(user):
        links.append(("denominators", _("Coverage denominators"), reverse("monitoring:denominators")))
    if user.role in (Role.PEMANTAU, Role.ADMIN):
        links.append(("rollup", _("Roll-up"), reverse("monitoring:rollup")))
    if may_load_denominators(user) and len(user.scope_code or "") == 5:  # views_rollup.send
        links.append(("send", _("Summary for the monitor"), reverse("monitoring:rollup_send")))
    return {"links": links, "active": active}
