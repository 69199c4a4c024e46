"""Building a decree's list: rows in the annex's order (kecamatan, desa, name), numbered, written at once."""

from dataclasses import dataclass
from decimal import Decimal

from jaring.regions.models import Region

from ..lifecycle import RecipientChange
from ..models import Decree, DecreeRecipient


@dataclass
class Row:
    person_id: int
    candidate_id: int
    source_id: int
    village_id: str
    full_name: str
    cost: Decimal
    change: str = RecipientChange.LISTED
    reason: str = ""


def _names(rows: list[Row]) -> dict[str, str]:
    codes = {r.village_id for r in rows} | {r.village_id[:8] for r in rows}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def write_rows(decree: Decree, rows: list[Row]) -> None:
    """Number the rows in the annex's order and store them (the decree is still a draft)."""
    names = _names(rows)
    ordered = sorted(
        rows,
        key=lambda r: (
            names.get(r.village_id[:8], ""),
            names.get(r.village_id, ""),
            r.full_name.casefold(),
            r.person_id,
        ),
    )
    objects = []
    for number, row in enumerate(ordered, start=1):
        recipient = DecreeRecipient(
            decree=decree,
            row=number,
            person_id=row.person_id,
            candidate_id=row.candidate_id,
            source_id=row.source_id,
            cost=row.cost,
            change=row.change,
            reason=row.reason,
        )
        recipient.set_village(row.village_id)
        objects.append(recipient)
    DecreeRecipient.objects.bulk_create(objects, batch_size=2000)
