"""The one place where a user's region and role become a filter on rows about people.

Every selector that returns people (list, detail, search, export, API) starts from ``scope_people``;
a meta-test checks that views do not query people models any other way.
"""

from django.db.models import Q, QuerySet

from jaring.core.regioncodes import Level, contains, level_of

_COLUMN = {
    Level.PROVINCE: "province_code",
    Level.REGENCY: "regency_code",
    Level.DISTRICT: "district_code",
    Level.VILLAGE: "village_id",
}


def region_q(code: str | None) -> Q:
    """Rows inside region ``code`` (None: everywhere), as an equality on an indexed column."""
    if code is None:
        return Q()
    return Q(**{_COLUMN[level_of(code)]: code})


def can_see_people(user) -> bool:
    policy = getattr(user, "policy", None) if getattr(user, "is_authenticated", False) else None
    return bool(policy and policy.sees_people and user.is_active)


def can_propose(user) -> bool:
    return can_see_people(user) and user.policy.proposes


def can_verify(user) -> bool:
    return can_see_people(user) and user.policy.verifies


def can_plan(user) -> bool:
    return can_see_people(user) and user.policy.plans


def can_approve(user) -> bool:
    return can_see_people(user) and user.policy.approves


def can_register(user) -> bool:
    return can_see_people(user) and user.policy.registers


def may_act(actor, region_code: str, allowed) -> bool:
    """Whether ``actor`` may change things in ``region_code``: ``None`` is the system (command line, demo); a
    user must pass ``allowed`` (a role check such as ``can_verify``) and hold the region in their scope."""
    if actor is None:
        return True
    scope = actor.scope_code
    return bool(allowed(actor)) and (scope is None or contains(scope, region_code))


def scope_people(queryset: QuerySet, user) -> QuerySet:
    """Limit a queryset of a ``RegionScoped`` model to what ``user`` may see; nothing for everyone else."""
    if not can_see_people(user):
        return queryset.none()
    return queryset.filter(region_q(user.scope_code))


def scope_regions(queryset: QuerySet, user) -> QuerySet:
    """Regions inside the user's scope (for filter drop-downs and counts)."""
    code = getattr(user, "scope_code", None)
    if code is None:
        return queryset
    return queryset.filter(Q(code=code) | Q(code__startswith=code + "."))


def sees_full_nik(user) -> bool:
    return can_see_people(user) and user.policy.sees_full_nik
