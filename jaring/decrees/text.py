"""A decree's text as the document builders take it (``documents.contract``), from the database.

A final decree keeps the text it was signed with (``Decree.frozen_text``): the letterhead, the legal bases and
the regent's name of the moment, so later edits of the settings never change a signed decree's documents.
"""

from dataclasses import asdict, fields
from datetime import date

from django.db.models import Count, Q, Sum

from jaring.programs import costs
from jaring.programs.rates.words import month_span

from .documents.contract import DecreeText, SourceLine
from .lifecycle import DecreeKind, RecipientChange
from .models import Decree, DecreeSettings, LegalBasis

_PACKAGE = {"jkk": "Jaminan Kecelakaan Kerja (JKK)", "jkm": "Jaminan Kematian (JKM)", "jht": "Jaminan Hari Tua (JHT)"}


def settings_of(regency) -> DecreeSettings:
    """The regency's settings, or sensible ones from its name until an admin sets them."""
    found = DecreeSettings.objects.filter(regency=regency).first()
    if found is not None:
        return found
    bare = regency.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    return DecreeSettings(
        regency=regency,
        government=f"PEMERINTAH {regency.name.upper()}",
        regent_title=("WALI KOTA " if regency.name.startswith("Kota ") else "BUPATI ") + bare.upper(),
        signing_place=bare,
    )


def legal_basis(regency) -> list[str]:
    rows = LegalBasis.objects.filter(Q(regency=None) | Q(regency=regency), active=True).order_by("order", "id")
    return [row.citation for row in rows]


def package_of(program) -> str:
    parts = [_PACKAGE["jkk"], _PACKAGE["jkm"]]
    if program.include_jht:
        parts.append(_PACKAGE["jht"])
    if program.include_jp:
        parts.append("Jaminan Pensiun (JP)")
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def _period(program) -> tuple[str, int]:
    first, last = costs.program_start(program), costs.program_last_month(program)
    return month_span(first, last), int(costs.person_cost(program, "apbd_kabupaten").month_costs[0].total)


def _sources(decree: Decree) -> list[SourceLine]:
    rows = (
        decree.recipients.exclude(change=RecipientChange.REMOVED)
        .values("source__name")
        .annotate(people=Count("id"), cost=Sum("cost"))
        .order_by("source__name")
    )
    return [SourceLine(r["source__name"], r["people"], int(r["cost"] or 0)) for r in rows]


def _changes(decree: Decree) -> tuple[int, int]:
    if decree.kind != DecreeKind.AMENDMENT:
        return 0, 0
    counts = dict(decree.recipients.values_list("change").annotate(n=Count("id")))
    return counts.get(RecipientChange.ADDED, 0), counts.get(RecipientChange.REMOVED, 0)


def _root(decree: Decree) -> Decree:
    """The original decree of an amendment's chain: its title is the program's, which every amendment cites."""
    while decree.amends_id:
        decree = decree.amends
    return decree


def decree_text(decree: Decree) -> DecreeText:
    if decree.frozen_text:
        return from_snapshot(decree.frozen_text)
    program = decree.program
    settings = settings_of(program.regency)
    period, monthly = _period(program)
    added, removed = _changes(decree)
    amended = decree.amends
    return DecreeText(
        government=settings.government,
        office_address=settings.office_address,
        regent_title=settings.regent_title,
        regent_name=settings.regent_name,
        signing_place=settings.signing_place,
        title=decree.title,
        number=decree.number,
        signed_on=decree.signed_on,
        is_amendment=decree.kind == DecreeKind.AMENDMENT,
        amends_number=amended.number if amended else "",
        amends_title=_root(decree).title if amended else "",
        amends_signed_on=amended.signed_on if amended else None,
        legal_basis=legal_basis(program.regency),
        program_name=program.name,
        year=program.year,
        period=period,
        months=program.months,
        package=package_of(program),
        monthly_contribution=monthly,
        recipients=decree.recipients_count,
        total_cost=int(decree.total_cost),
        sources=_sources(decree),
        added=added,
        removed=removed,
        reason=decree.reason,
        is_draft=not decree.is_final,
    )


def snapshot(text: DecreeText) -> dict:
    """JSON of a decree's text (dates as ISO strings)."""
    data = asdict(text)
    for name in ("signed_on", "amends_signed_on"):
        data[name] = data[name].isoformat() if data[name] else None
    return data


def from_snapshot(data: dict) -> DecreeText:
    known = {f.name for f in fields(DecreeText)}
    values = {k: v for k, v in data.items() if k in known}
    for name in ("signed_on", "amends_signed_on"):
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    values["sources"] = [SourceLine(**s) for s in values.get("sources", [])]
    return DecreeText(**values)
