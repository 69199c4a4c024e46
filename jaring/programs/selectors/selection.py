"""Reads of selections: the current one, its entries within the user's scope, and its totals by source and
kecamatan (aggregates, no personal data)."""

from django.db.models import Count, Q, QuerySet, Sum

from jaring.accounts.scoping import scope_people
from jaring.regions.models import Region

from ..lifecycle import SelectionStatus
from ..models import FundingSource, Program, Selection, SelectionEntry, SelectionOutcome
from .planning import programs_visible_to


def current_selection(program: Program) -> Selection | None:
    """The approved selection, else the newest that is not superseded."""
    live = program.selections.exclude(status=SelectionStatus.SUPERSEDED)
    return live.filter(status=SelectionStatus.APPROVED).first() or live.order_by("-computed_at", "-pk").first()


def selection_visible_to(user, selection_id: int) -> Selection | None:
    return Selection.objects.filter(pk=selection_id, program__in=programs_visible_to(user)).first()


def entries_visible_to(user, selection: Selection, *, outcome: str = "", village: str = "") -> QuerySet:
    queryset = scope_people(SelectionEntry.objects.filter(selection=selection), user)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if village:
        queryset = queryset.filter(village_id=village)
    order = ["waiting_rank", "pk"] if outcome == SelectionOutcome.WAITING else ["rank", "pk"]
    return queryset.select_related("person", "village", "source").order_by(*order)


def _selected_cost():
    selected = Q(outcome=SelectionOutcome.SELECTED)
    return {
        "selected": Count("pk", filter=selected),
        "waiting": Count("pk", filter=Q(outcome=SelectionOutcome.WAITING)),
        "cost": Sum("cost", filter=selected, default=0),
    }


def totals_by_source(selection: Selection) -> list[dict]:
    """Each funding source with its budget, the people it pays for and what they cost."""
    used = {
        row["source_id"]: row
        for row in SelectionEntry.objects.filter(selection=selection, outcome=SelectionOutcome.SELECTED)
        .values("source_id")
        .annotate(selected=Count("pk"), cost=Sum("cost"))
    }
    rows = []
    for source in FundingSource.objects.filter(program=selection.program).order_by("pk"):
        row = used.get(source.pk, {})
        cost = row.get("cost") or 0
        rows.append({"source": source, "selected": row.get("selected", 0), "cost": cost, "left": source.amount - cost})
    return rows


def totals_by_district(selection: Selection) -> list[dict]:
    rows = list(SelectionEntry.objects.filter(selection=selection).values("district_code").annotate(**_selected_cost()))
    names = dict(Region.objects.filter(code__in=[r["district_code"] for r in rows]).values_list("code", "name"))
    for row in rows:
        row["name"] = names.get(row["district_code"], row["district_code"])
    return sorted(rows, key=lambda r: r["name"])


def waiting_reasons(selection: Selection) -> dict[str, int]:
    rows = SelectionEntry.objects.filter(selection=selection, outcome=SelectionOutcome.WAITING)
    return dict(rows.values_list("reason").annotate(n=Count("pk")).values_list("reason", "n"))


def villages_in(user, selection: Selection) -> QuerySet[Region]:
    codes = entries_visible_to(user, selection).order_by().values("village_id")
    return Region.objects.filter(code__in=codes).order_by("name")
