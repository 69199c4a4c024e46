"""The files intake hands out: a village's template, and the problem report of a checked batch.

The workbooks module writes them from plain values; this module gathers those values from the database.
"""

from collections.abc import Iterator
from typing import IO

from django.utils import translation

from jaring.people.models import Occupation, Sex, VulnerabilityGroup
from jaring.regions.models import Region

from .headers import issue_columns
from .models import ImportBatch, RowStatus
from .workbooks import TEMPLATE_HEADERS, problem_report, village_template

EXISTING_NOTE = "Sudah ada: orang ini sudah diusulkan untuk program ini, jadi baris ini tidak ditulis lagi."
#: An example person for the instructions sheet: a woman (day + 40) born 5 December 1980.
EXAMPLE_BIRTH = "051280"


def template_write(target: IO[bytes], *, village: Region, choices: list[Region]) -> None:
    """The .xlsx a village fills in, pre-filled for ``village``; the desa dropdown offers ``choices``."""
    district = village.parent
    regency = district.parent if district else None
    digits = village.code.replace(".", "")[:6]
    example = {
        TEMPLATE_HEADERS[1]: f"{digits}{int(EXAMPLE_BIRTH[:2]) + 40:02d}{EXAMPLE_BIRTH[2:]}0001",
        TEMPLATE_HEADERS[2]: f"{digits}0101090002",
        TEMPLATE_HEADERS[3]: "SITI AMINAH",
        TEMPLATE_HEADERS[4]: regency.name.title() if regency else "",
        TEMPLATE_HEADERS[5]: f"{EXAMPLE_BIRTH[:2]}-{EXAMPLE_BIRTH[2:4]}-19{EXAMPLE_BIRTH[4:]}",
    }
    with translation.override("id"):  # villages fill the sheet in Bahasa Indonesia, whatever the screen shows
        village_template(
            target,
            village_code=village.code,
            village_name=village.name,
            district_name=district.name if district else "",
            regency_name=regency.name if regency else "",
            villages=[(v.code, v.name) for v in choices],
            occupations=[(c, str(label)) for c, label in Occupation.choices],
            groups=[(c, str(label)) for c, label in VulnerabilityGroup.choices],
            sexes=[(c, str(label)) for c, label in Sex.choices],
            example=example,
        )


def report_write(target: IO[bytes], batch: ImportBatch) -> None:
    """Every checked row as the file had it, problem cells highlighted, with an explanation column."""
    header = list(batch.header)
    columns = issue_columns({int(k): v for k, v in batch.mapping.items()})
    rows, numbers, problems = [], [], {}
    for index, (number, raw, status, issues) in enumerate(_rows(batch)):
        rows.append([raw.get(name) for name in header])
        numbers.append(number)
        found = [(columns.get(i["field"]), i["severity"], i["message"]) for i in issues]
        if status == RowStatus.EXISTING:
            found.append((columns.get("nik"), "warning", EXISTING_NOTE))
        if found:
            problems[index] = found
    problem_report(target, header=header, rows=rows, row_numbers=numbers, problems=problems)


def _rows(batch: ImportBatch) -> Iterator[tuple[int, dict, str, list]]:
    rows = batch.rows.order_by("row_number").values_list("row_number", "raw", "status", "issues")
    yield from rows.iterator(chunk_size=2000)
