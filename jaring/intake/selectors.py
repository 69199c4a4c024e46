"""Reads for intake: the context rows are checked against, and batches within the user's scope."""

from datetime import date

from django.apps import apps
from django.db.models import QuerySet
from django.utils import translation

from jaring.accounts.scoping import can_propose, scope_people, scope_regions
from jaring.core.regioncodes import Level, level_of
from jaring.people.models import Occupation, VulnerabilityGroup
from jaring.regions.models import BpsCrosswalk, Region

from .models import Candidate, ImportBatch, ImportRow, RowStatus
from .rules import RowContext


def row_context(*, regency: str, upload_region: str, today: date) -> RowContext:
    """What a row of an upload for ``upload_region`` is checked against (its regency's villages, the crosswalk)."""
    # Through the parent index, not a code prefix: SQLite uses no index for LIKE, and scanning the 91,599 regions
    # took ~18 ms a query on every check, each live check of the single-entry form included. The kecamatan's
    # children are its desa/kelurahan; a level filter there would make SQLite pick the level index instead.
    districts = dict(Region.objects.filter(parent_id=regency, level=Level.DISTRICT).values_list("code", "name"))
    villages = dict(Region.objects.filter(parent_id__in=list(districts)).values_list("code", "name"))
    crosswalk = dict(
        BpsCrosswalk.objects.filter(kemendagri_code__startswith=regency + ".").values_list(
            "bps_code", "kemendagri_code"
        )
    )
    allowed = {upload_region} if level_of(upload_region) == Level.VILLAGE else None
    return RowContext(
        regency=regency,
        villages=villages,
        districts=districts,
        bps_to_kemendagri=crosswalk,
        allowed_villages=allowed,
        reference_date=today,
        occupations=_labels(Occupation),
        groups=_labels(VulnerabilityGroup),
    )


def _labels(choices) -> dict[str, str]:
    # Spreadsheets from villages use the Indonesian words, whatever language the uploader's screen shows.
    with translation.override("id"):
        return {code: str(label) for code, label in choices.choices}


def batches_visible_to(user) -> QuerySet[ImportBatch]:
    """Batches uploaded for a region inside the user's scope, for the roles that propose; none for others."""
    if not can_propose(user):
        return ImportBatch.objects.none()
    regions = scope_regions(Region.objects.all(), user).values("code")
    return ImportBatch.objects.filter(region__in=regions).select_related("program", "region")


def programs_open_to(user) -> QuerySet:
    """Programs of the user's regency, newest first. Programs sit above intake in the layers, hence get_model."""
    if not can_propose(user):
        return apps.get_model("programs", "Program").objects.none()
    regency = (user.scope_code or "")[:5]
    return apps.get_model("programs", "Program").objects.filter(regency_id=regency).order_by("-year", "name")


def villages_open_to(user) -> QuerySet[Region]:
    """The desa/kelurahan a user may propose for: her own village, or every village of the verifier's regency."""
    if not can_propose(user):
        return Region.objects.none()
    return scope_regions(Region.objects.filter(level=Level.VILLAGE), user).order_by("parent__name", "name")


def candidates_visible_to(user, *, program=None, status: str = "") -> QuerySet[Candidate]:
    qs = scope_people(Candidate.objects.all(), user) if can_propose(user) else Candidate.objects.none()
    if program is not None:
        qs = qs.filter(program=program)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("person", "village", "program").order_by("village__name", "person__full_name")


def problem_rows(batch: ImportBatch, limit: int) -> list[ImportRow]:
    """The first rows with an error or a warning, for the batch page (the report has them all)."""
    wanted = [RowStatus.ERROR, RowStatus.WARNING]
    return list(batch.rows.filter(status__in=wanted).order_by("row_number")[:limit])
