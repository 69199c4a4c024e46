"""Where the person lives: RT/RW, and the desa or kelurahan resolved to a Kemendagri code.

Villages are typed by name, by Kemendagri code or by BPS code (DTKS/DTSEN extracts); names repeat across
kecamatan, so an ambiguous name is never resolved silently.
"""

import re
from collections.abc import Mapping

from rapidfuzz import fuzz, process

from jaring.core import regioncodes

from .context import RowContext
from .messages import Issue, _issue
from .text import _collapse, _place_key

_UNIT = re.compile(r"(?:R[TW]\.? ?)?0*(\d{1,3})", re.IGNORECASE)


def _clean_rt_rw(cells: Mapping[str, str]) -> tuple[str, str, list[Issue]]:
    rt, rw, combined = _collapse(cells.get("rt")), _collapse(cells.get("rw")), _collapse(cells.get("rt_rw"))
    if combined and not (rt or rw):
        parts = re.findall(r"\d+", combined)
        if len(parts) != 2:
            return "", "", [_issue("rt_rw", "rt_rw_format", typed=combined)]
        rt, rw = parts
    rt, rt_issues = _pad_unit(rt, "rt")
    rw, rw_issues = _pad_unit(rw, "rw")
    return rt, rw, rt_issues + rw_issues


def _pad_unit(typed: str, field: str) -> tuple[str, list[Issue]]:
    if not typed:
        return "", []
    match = _UNIT.fullmatch(typed)
    if match is None or int(match.group(1)) == 0:
        return "", [_issue(field, "unit_format", label=field.upper(), typed=typed)]
    return f"{int(match.group(1)):03d}", []


# --- Village ---------------------------------------------------------------------------------------------------

_CODE_LIKE = re.compile(r"[\d. ]+")


def _resolve_village(cells: Mapping[str, str], ctx: RowContext) -> tuple[str, list[Issue]]:
    key = ("village", cells.get("village"), cells.get("district"), cells.get("bps_village_code"))
    return ctx.remembered(key, lambda: _village_of(cells, ctx))


def _village_of(cells: Mapping[str, str], ctx: RowContext) -> tuple[str, list[Issue]]:
    typed, bps = _collapse(cells.get("village")), _collapse(cells.get("bps_village_code"))
    if typed:
        code, issues = _village_from_text(typed, _collapse(cells.get("district")), ctx)
    elif bps:
        code, issues = _village_from_bps(bps, ctx)
    elif ctx.allowed_villages is not None and len(ctx.allowed_villages) == 1:
        # A village operator's own list often has no desa column: every row is then her village.
        code, issues = next(iter(ctx.allowed_villages)), []
    else:
        return "", [_issue("village", "village_missing")]
    if code and typed and bps:
        issues += _bps_agreement(code, bps, ctx)
    if code and ctx.allowed_villages is not None and code not in ctx.allowed_villages:
        issues.append(_issue("village", "village_out_of_scope", value=_village_label(code, ctx)))
    return code, issues


def _village_label(code: str, ctx: RowContext) -> str:
    name = ctx.villages.get(code, code)
    district = ctx.districts.get(regioncodes.parent_of(code) or "")
    return f"{name} (Kec. {district})" if district else name


def _village_from_text(typed: str, district: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    if _CODE_LIKE.fullmatch(typed):
        return _village_from_code(typed, ctx)
    codes = ctx.village_by_name.get(_place_key(typed), ())
    if not codes:
        return "", [_issue("village", "village_unknown", typed=typed, value=_suggestion(typed, ctx))]
    in_district, issues = _district_codes(district, ctx)
    narrowed = [code for code in codes if regioncodes.parent_of(code) in in_district]
    if len(codes) == 1:
        if in_district and not narrowed:
            issues.append(_issue("district", "district_mismatch", typed=district, value=_village_label(codes[0], ctx)))
        return codes[0], issues
    if len(narrowed) == 1:
        return narrowed[0], issues
    # A village operator may only propose for her own village, so the only other reading would be refused anyway.
    own = [code for code in codes if ctx.allowed_villages is not None and code in ctx.allowed_villages]
    if len(own) == 1 and not in_district:
        return own[0], issues
    # Two desa of one name in different kecamatan: never pick one silently.
    hint = f"kecamatan '{district}' tidak cocok dengan salah satunya" if district else "isi kolom kecamatan"
    places = ", ".join(_village_label(code, ctx) for code in codes)
    return "", [*issues, _issue("village", "village_ambiguous", typed=typed, value=places, label=hint)]


def _district_codes(typed: str, ctx: RowContext) -> tuple[set[str], list[Issue]]:
    if not typed:
        return set(), []
    if _CODE_LIKE.fullmatch(typed):
        codes = {_normalised_code(typed)} & set(ctx.districts)
    else:
        codes = set(ctx.district_by_name.get(_place_key(typed), ()))
    return codes, [] if codes else [_issue("district", "district_unknown", typed=typed)]


def _village_from_code(typed: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    code = _normalised_code(typed)
    if code in ctx.villages:
        return code, []
    # Ten digits may also be a BPS code (3503010001): those differ from Kemendagri's (domain-facts §5.2).
    if re.sub(r"\D", "", typed) in ctx.bps_to_kemendagri:
        return _village_from_bps(typed, ctx)
    return "", [_issue("village", "village_code_unknown", typed=typed)]


def _village_from_bps(typed: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    code = ctx.bps_to_kemendagri.get(re.sub(r"\D", "", typed))
    if code is None:
        return "", [_issue("bps_village_code", "bps_unknown", typed=typed)]
    if code not in ctx.villages:
        return "", [_issue("bps_village_code", "bps_outside", typed=typed)]
    return code, []


def _bps_agreement(code: str, bps: str, ctx: RowContext) -> list[Issue]:
    # The BPS crosswalk is stale (domain-facts §5.2): trust the desa column, but show the disagreement.
    other = ctx.bps_to_kemendagri.get(re.sub(r"\D", "", bps))
    if other is None or other == code:
        return []
    label = _village_label
    return [_issue("bps_village_code", "bps_mismatch", typed=bps, value=label(other, ctx), number=label(code, ctx))]


def _normalised_code(typed: str) -> str:
    try:
        return regioncodes.normalize(typed.replace(" ", ""))
    except regioncodes.InvalidRegionCode:
        return ""


def _suggestion(typed: str, ctx: RowContext) -> str:
    names = {_place_key(name): name for name in ctx.villages.values()}
    best = process.extractOne(_place_key(typed), list(names), scorer=fuzz.ratio, score_cutoff=80)
    return f" Mungkin maksudnya {names[best[0]]}?" if best else ""
