"""Reads for intake: the context rows are checked against, and batches within the user's scope."""

from datetime import date

from django.db.models import QuerySet
from django.utils import translation

from jaring.accounts.scoping import scope_regions
from jaring.core.regioncodes import Level, level_of
from jaring.people.models import Occupation, VulnerabilityGroup
from jaring.regions.models import BpsCrosswalk, Region

from .models import ImportBatch
from .rules import RowContext


def row_context(*, regency: str, upload_region: str, today: date) -> RowContext:
    """What a row of an upload for ``upload_region`` is checked against (its regency's villages, the crosswalk)."""
    inside = Region.objects.filter(code__startswith=regency + ".")
    villages = dict(inside.filter(level=Level.VILLAGE).values_list("code", "name"))
    districts = dict(inside.filter(level=Level.DISTRICT).values_list("code", "name"))
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
    """Batches uploaded for a region inside the user's scope."""
    regions = scope_regions(Region.objects.all(), user).values("code")
    return ImportBatch.objects.filter(region__in=regions)
