"""One row, checked cell by cell: the entry point of the rules."""

from collections.abc import Mapping

from lokal import NikInfo

from .address import _clean_rt_rw, _resolve_village
from .context import RowContext, RowResult
from .dates import parse_birth_date, split_birth_place_date
from .extras import _clean_decile, _clean_groups, _clean_occupation, _clean_phone
from .messages import Issue, _issue
from .nik import _kk_structure, _nik_agreement, _nik_structure, clean_id_number
from .person import _clean_name, _clean_sex
from .text import _collapse


def check_row(
    raw: Mapping[str, str],
    ctx: RowContext,
    *,
    inexact_fields: frozenset[str] = frozenset(),
    long_number_fields: frozenset[str] = frozenset(),
) -> RowResult:
    """Cleans and checks one row whose cells are keyed by field (headers.FIELD_LABELS).

    ``inexact_fields`` names the cells the reader found stored as numbers too large to be exact (over 2**53);
    ``long_number_fields`` those it found stored as numbers of 16 digits or more (``Table.long_number_rows``).
    """
    cells = {key: "" if value is None else str(value) for key, value in raw.items()}
    result = RowResult(full_name_original=cells.get("full_name", ""))
    nik_info = _check_numbers(cells, ctx, result, inexact=inexact_fields, long_numbers=long_number_fields)
    _check_person(cells, ctx, result)
    result.issues += _nik_agreement(nik_info, result)
    _check_address(cells, ctx, result)
    _check_extras(cells, ctx, result)
    return result


def _check_numbers(
    cells: Mapping[str, str],
    ctx: RowContext,
    result: RowResult,
    *,
    inexact: frozenset[str],
    long_numbers: frozenset[str],
) -> NikInfo | None:
    result.nik, issues = _id_number(cells, "nik", inexact, long_numbers)
    result.issues += issues or ([] if result.nik else [_issue("nik", "nik_missing")])
    info = None
    if result.nik:
        info, structure = _nik_structure(result.nik, ctx)
        result.issues += structure
    result.kk_number, issues = _id_number(cells, "kk_number", inexact, long_numbers)
    result.issues += issues + (_kk_structure(result.kk_number, result.nik) if result.kk_number else [])
    return info


def _id_number(
    cells: Mapping[str, str], field: str, inexact: frozenset[str], long_numbers: frozenset[str]
) -> tuple[str, list[Issue]]:
    return clean_id_number(cells.get(field, ""), field, inexact=field in inexact, long_number=field in long_numbers)


def _check_person(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.full_name, issues = _clean_name(cells.get("full_name", ""))
    place, date_text = split_birth_place_date(cells.get("birth_place_date", ""))
    # Separate columns win over the combined TTL cell when both are filled.
    result.birth_place = _collapse(cells.get("birth_place") or place).upper()
    typed_date = _collapse(cells.get("birth_date") or date_text)
    result.birth_date, date_issues = parse_birth_date(typed_date, reference_date=ctx.reference_date)
    result.sex, sex_issues = _clean_sex(cells.get("sex", ""))
    missing = [] if typed_date else [_issue("birth_date", "birth_date_missing")]
    result.issues += issues + date_issues + missing + sex_issues


def _check_address(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.street = _collapse(cells.get("street"))
    result.rt, result.rw, unit_issues = _clean_rt_rw(cells)
    result.village_code, village_issues = _resolve_village(cells, ctx)
    result.issues += unit_issues + village_issues


def _check_extras(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.phone, phone_issues = _clean_phone(cells.get("phone", ""))
    result.occupation, occupation_issues = _clean_occupation(cells.get("occupation", ""), ctx)
    result.groups, group_issues = _clean_groups(cells.get("groups", ""), ctx)
    result.welfare_decile, decile_issues = _clean_decile(cells.get("welfare_decile", ""))
    result.note = _collapse(cells.get("note"))
    result.issues += phone_issues + occupation_issues + group_issues + decile_issues
