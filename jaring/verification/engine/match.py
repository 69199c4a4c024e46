"""The matching pipeline. First cut: exact NIK only; the fuzzy search for wrong or missing NIKs follows."""

import polars as pl

from .contract import REASON_DTYPE, MatchStatus


def match_batch(candidates: pl.DataFrame, registry: pl.DataFrame, *, regency: str) -> pl.DataFrame:
    joined = candidates.join(registry, on="nik", how="left", suffix="_reg")
    rows = []
    for row in joined.iter_rows(named=True):
        if row["full_name_reg"] is None:
            rows.append(
                (
                    row["id"],
                    MatchStatus.NOT_FOUND.value,
                    None,
                    0.0,
                    [{"code": "nik_not_found", "field": "nik", "ours": row["nik"] or "", "registry": ""}],
                )
            )
            continue
        reasons = []
        for field in ("full_name", "birth_date", "sex", "village"):
            ours, theirs = row[field], row[f"{field}_reg"]
            if ours is not None and ours != theirs:
                reasons.append(
                    {"code": f"{field}_differs", "field": field, "ours": str(ours), "registry": str(theirs or "")}
                )
        if not row["is_alive"]:
            status = MatchStatus.DECEASED
        elif not (row["village_reg"] or "").startswith(regency + "."):
            status = MatchStatus.OUT_OF_REGION
        else:
            status = MatchStatus.MISMATCH if reasons else MatchStatus.VALID
        rows.append((row["id"], status.value, row["nik"], 1.0, reasons))
    return pl.DataFrame(
        rows,
        schema={
            "id": pl.Int64,
            "status": pl.Utf8,
            "registry_nik": pl.Utf8,
            "score": pl.Float64,
            "reasons": REASON_DTYPE,
        },
        orient="row",
    )
