"""Reports as files (.xlsx or PDF), each download checked against the reader's role and region and audited.

``actor`` None is the system: the command line, which reads every region and is audited as such. Documents are
written in Bahasa Indonesia whatever language the reader chose, like the decree and its annex: they are
official papers that leave Jaring.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone, translation

from jaring.accounts.scoping import can_approve, can_plan, can_see_people, can_verify
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level, contains, level_of
from jaring.programs.models import Program
from jaring.regions.models import Region

from .documents.coverage_report import coverage_document
from .documents.model import Document
from .documents.village_list import village_list_document
from .documents.xlsx import document_xlsx
from .documents.yearly_report import yearly_document
from .pdf import document_pdf
from .selectors.coverage import coverage_data
from .selectors.village import village_list
from .selectors.yearly import yearly_data

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Who the audit names when the command line prints a report.
COMMAND_LINE = "baris perintah"


class ReportRefused(PermissionError):
    """The reader's role may not have this report (a monitor asking for names); the message is in Indonesian."""


class ReportNotFound(LookupError):
    """No such region, program or year within the reader's scope: said the same way whether it exists or not."""


@dataclass(frozen=True, slots=True)
class Report:
    filename: str
    content_type: str
    content: bytes


def may_read_yearly(user) -> bool:
    """The regency's verifier, planner and approving official report to the regent."""
    return can_verify(user) or can_plan(user) or can_approve(user)


def may_read_coverage(user) -> bool:
    """Every role reads the coverage of its own scope, as on the dashboard; the monitor's in aggregate only."""
    return getattr(user, "policy", None) is not None


def village_list_render(*, village_code: str, program_code: str, fmt: str, actor, month: date | None = None,
                        request=None) -> Report:  # fmt: skip
    """A desa's recipient list with masked NIKs, for the village operator of that desa or a regency officer."""
    _check_format(fmt)
    if actor is not None and not can_see_people(actor):
        raise ReportRefused("Daftar penerima memuat nama orang; peran Anda hanya melihat angka agregat.")
    village = _region(village_code, actor, Level.VILLAGE)
    program = Program.objects.filter(code=program_code, regency_id=village.code[:5]).first()
    if program is None:
        raise ReportNotFound(f"Program {program_code!r} tidak ada di kabupaten desa ini.")
    month = month or timezone.localdate().replace(day=1)
    with translation.override("id"):
        data = village_list(program=program, village=village, user=actor, month=month, **_printed(actor))
        doc = village_list_document(data)
    detail = {"program": program.code, "format": fmt, "rows": len(data.recipients), "month": month.isoformat()}
    return _issue(doc, fmt, f"penerima-{program.code}-{village.code}", actor, "report.village_list", village.code,
                  detail, request)  # fmt: skip


def coverage_report_render(*, code: str | None, year: int, fmt: str, actor, public: bool = False,
                           request=None) -> Report:  # fmt: skip
    """A region's coverage for a year; in aggregate only (small counts withheld) for a monitor or when public."""
    _check_format(fmt)
    if actor is not None and not may_read_coverage(actor):
        raise ReportRefused("Akun Anda belum memiliki peran.")
    if code is None and actor is not None:
        code = actor.scope_code  # no region chosen: the reader's own
    if code is not None:
        code = _region(code, actor, None).code
    aggregate_only = public or (actor is not None and not can_see_people(actor))
    with translation.override("id"):
        data = coverage_data(code=code, year=year, aggregate_only=aggregate_only, **_printed(actor))
        doc = coverage_document(data)
    name = f"cakupan-{code or 'indonesia'}-{year}" + ("-publik" if aggregate_only else "")
    detail = {"year": year, "format": fmt, "aggregate_only": aggregate_only}
    return _issue(doc, fmt, name, actor, "report.coverage", code or "", detail, request)


def yearly_report_render(*, regency_code: str, year: int, fmt: str, actor, request=None) -> Report:
    """The yearly report to the regent, for the regency's verifier, planner and approving official."""
    _check_format(fmt)
    if actor is not None and not may_read_yearly(actor):
        raise ReportRefused("Laporan tahunan disusun oleh verifikator, perencana atau pejabat kabupaten.")
    regency = _region(regency_code, actor, Level.REGENCY)
    with translation.override("id"):
        doc = yearly_document(yearly_data(regency=regency, year=year, **_printed(actor)))
    detail = {"year": year, "format": fmt}
    return _issue(doc, fmt, f"laporan-tahunan-{regency.code}-{year}", actor, "report.yearly", regency.code, detail,
                  request)  # fmt: skip


def _region(code: str, actor, level: Level | None) -> Region:
    """The region ``code`` if it is of ``level`` (any, for None) and inside the actor's scope."""
    scope = actor.scope_code if actor is not None else None
    region = Region.objects.filter(code=code).select_related("parent__parent").first()
    if region is None or (level is not None and level_of(code) != level) or (scope and not contains(scope, code)):
        raise ReportNotFound(f"Wilayah {code} tidak ada di wilayah Anda.")
    return region


def _printed(actor) -> dict:
    by = (actor.get_full_name() or actor.get_username()) if actor is not None else COMMAND_LINE
    return {"printed_at": timezone.localtime(), "printed_by": by}


_BUILDERS: dict[str, Callable[[Document], bytes]] = {"pdf": document_pdf, "xlsx": document_xlsx}


def _check_format(fmt: str) -> None:
    if fmt not in _BUILDERS:
        raise ReportNotFound(f"Format {fmt!r} tidak dikenal: pilih pdf atau xlsx.")


def _issue(doc: Document, fmt: str, name: str, actor, action: str, region: str, detail: dict, request) -> Report:
    content = _BUILDERS[fmt](doc)
    with transaction.atomic():
        audit_record(actor=actor if actor is not None else COMMAND_LINE, action=action, object_type="report",
                     object_id=name, region_code=region, detail=detail, request=request)  # fmt: skip
    return Report(f"{name}.{fmt}", CONTENT_TYPES[fmt], content)
