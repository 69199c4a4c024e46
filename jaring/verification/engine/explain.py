"""From links to what a verifier reads: one status per candidate, and the reasons behind it."""

import polars as pl

from .contract import REASON_DTYPE, MatchStatus

_LINK_COLUMNS = ("reg_nik", "reg_name", "reg_norm", "reg_birth", "reg_sex", "reg_village", "reg_alive", "reg_death")


def explained(
    cands: pl.DataFrame,
    reg: pl.DataFrame,
    links: pl.DataFrame,
    exact: pl.DataFrame,
    *,
    regency: str,
    accept: float,
    margin: float,
) -> pl.DataFrame:
    clear = (pl.col("points") >= accept) & (
        pl.col("runner_up").is_null() | (pl.col("points") - pl.col("runner_up") >= margin)
    )
    decided = links.with_columns(linked=pl.col("sure") | clear, ambiguous=(pl.col("points") >= accept) & ~clear)
    owners = exact.select("id", owner_name="reg_name")
    table = (
        cands.join(decided, on="id", how="left")
        .join(reg.select(_LINK_COLUMNS), on="reg_nik", how="left")
        .join(owners, on="id", how="left")
        .with_columns(pl.col("linked").fill_null(False), pl.col("ambiguous").fill_null(False))
    )
    agreed = table.filter(_agrees(regency + "."))
    rows = [_row(r, regency + ".") for r in table.join(agreed, on="id", how="anti").iter_rows(named=True)]
    return pl.concat(
        [
            agreed.select(
                "id",
                status=pl.lit(MatchStatus.VALID.value),
                registry_nik="reg_nik",
                score=_score_expr(),
                reasons=pl.lit([], dtype=REASON_DTYPE),
            ),
            pl.DataFrame(rows, schema=_SCHEMA, orient="row"),
        ]
    ).sort("id")


_SCHEMA = {"id": pl.Int64, "status": pl.Utf8, "registry_nik": pl.Utf8, "score": pl.Float64, "reasons": REASON_DTYPE}


def _agrees(inside: str) -> pl.Expr:
    """The common case, decided without Python: the NIK's owner, alive, here, every given field the same."""
    same_name = pl.col("name").str.to_uppercase().str.replace_all(r"\s+", " ").str.strip_chars() == pl.col("reg_name")
    return (
        pl.col("linked")
        & (pl.col("nik") == pl.col("reg_nik"))
        & pl.col("reg_alive")
        & pl.col("reg_village").str.starts_with(inside)
        & same_name
        & (pl.col("birth").is_null() | (pl.col("birth") == pl.col("reg_birth")))
        & (pl.col("sex").is_null() | (pl.col("sex") == pl.col("reg_sex")))
        & ((pl.col("village") == "") | (pl.col("village") == pl.col("reg_village")))
    )


#: Points at which a link counts as certain (score 1.0): an exact NIK, the same name and birth date.
CERTAIN = 20


def _score_expr() -> pl.Expr:
    return (pl.col("points") / CERTAIN).clip(0.0, 1.0).round(3)


def _reason(code: str, field: str = "", ours="", registry="") -> dict:
    return {"code": code, "field": field, "ours": _text(ours), "registry": _text(registry)}


def _text(value) -> str:
    return "" if value is None else str(value)


def _row(r: dict, inside: str) -> tuple:
    if not r["linked"]:
        return (
            r["id"],
            MatchStatus.NOT_FOUND.value,
            None,
            _score(r["points"]) if r["ambiguous"] else 0.0,
            _unlinked(r),
        )
    reasons = _nik_reasons(r) + _field_reasons(r)
    if not r["reg_alive"]:
        status = MatchStatus.DECEASED
        reasons.append(_reason("deceased", registry=r["reg_death"]))
    elif not r["reg_village"].startswith(inside):
        status = MatchStatus.OUT_OF_REGION
        reasons.append(_reason("out_of_region", "village", r["village"], r["reg_village"]))
    elif r["nik"] != r["reg_nik"]:
        status = MatchStatus.NIK_CORRECTED
    elif any(x["code"].endswith(("_differs", "_swapped")) for x in reasons):
        status = MatchStatus.MISMATCH
    else:
        status = MatchStatus.VALID
    return (r["id"], status.value, r["reg_nik"], _score(r["points"]), reasons)


def _score(points) -> float:
    return round(min(1.0, max(0.0, (points or 0.0) / CERTAIN)), 3)


def _unlinked(r: dict) -> list[dict]:
    given, nik = r["nik_given"], r["nik"]
    if not given.strip():
        reasons = [_reason("nik_missing", "nik")]
    elif r["owner_name"] is not None:
        reasons = [_reason("nik_other_person", "nik", given, r["owner_name"])]
    elif len(nik) != 16 or "e+" in given.lower():
        reasons = [_reason("nik_invalid", "nik", given)]
    else:
        reasons = [_reason("nik_not_found", "nik", given)]
    if r["ambiguous"]:
        reasons.append(_reason("ambiguous"))
    return reasons


def _nik_reasons(r: dict) -> list[dict]:
    given, nik, theirs = r["nik_given"], r["nik"], r["reg_nik"]
    if nik == theirs:
        return []
    reasons = []
    if r["owner_name"] is not None:
        reasons.append(_reason("nik_other_person", "nik", given, r["owner_name"]))
    reasons.append(_reason(_nik_fault(given, nik, theirs), "nik", given, theirs))
    return reasons


def _nik_fault(given: str, nik: str, theirs: str) -> str:
    if "e+" in given.lower():
        return "nik_excel_scientific"
    if len(nik) == 15:
        return "nik_short"
    if len(nik) != 16:
        return "nik_found_by_identity"
    wrong = [i for i in range(16) if nik[i] != theirs[i]]
    if wrong == [15] and nik[15] == "0":
        return "nik_excel"
    if len(wrong) == 1:
        return "nik_typo"
    if len(wrong) == 2 and wrong[1] == wrong[0] + 1 and nik[wrong[0]] == theirs[wrong[1]]:
        return "nik_transposed"
    return "nik_found_by_identity"


def _field_reasons(r: dict) -> list[dict]:
    reasons = []
    if r["name"].upper().split() != r["reg_name"].upper().split():
        code = "name_spelling" if r["norm"] == r["reg_norm"] else "full_name_differs"
        reasons.append(_reason(code, "full_name", r["name"], r["reg_name"]))
    ours, theirs = r["birth"], r["reg_birth"]
    if ours is not None and theirs is not None and ours != theirs:
        swapped = (ours.day, ours.month, ours.year) == (theirs.month, theirs.day, theirs.year)
        reasons.append(_reason("birth_date_swapped" if swapped else "birth_date_differs", "birth_date", ours, theirs))
    if r["sex"] and r["reg_sex"] and r["sex"] != r["reg_sex"]:
        reasons.append(_reason("sex_differs", "sex", r["sex"], r["reg_sex"]))
    if r["village"] and r["village"] != r["reg_village"] and r["reg_village"].startswith(r["village"][:5]):
        reasons.append(_reason("village_differs", "village", r["village"], r["reg_village"]))
    return reasons
