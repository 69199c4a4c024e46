"""What the matching engine returns: statuses, reasons and results a verifier can read."""

from dataclasses import dataclass
from enum import StrEnum

import polars as pl


class MatchStatus(StrEnum):
    VALID = "valid"  # NIK found, name, birth date, sex and village agree
    MISMATCH = "mismatch"  # NIK found, some fields differ (reasons name them, with the registry's values)
    NIK_CORRECTED = "nik_corrected"  # the NIK given is wrong or missing; the registry's NIK is proposed
    NOT_FOUND = "not_found"  # no registry person is clearly this candidate
    DECEASED = "deceased"  # the registry person has died
    OUT_OF_REGION = "out_of_region"  # the registry person lives outside the regency


@dataclass(frozen=True, slots=True)
class Reason:
    """One finding: ``code`` names it (see verification.messages), ``field`` the field it concerns."""

    code: str
    field: str = ""
    ours: str = ""
    registry: str = ""


@dataclass(frozen=True, slots=True)
class MatchResult:
    candidate_id: int
    status: MatchStatus
    registry_nik: str | None
    score: float
    reasons: tuple[Reason, ...]


REASON_DTYPE = pl.List(pl.Struct({"code": pl.Utf8, "field": pl.Utf8, "ours": pl.Utf8, "registry": pl.Utf8}))


def results(frame: pl.DataFrame) -> list[MatchResult]:
    return [
        MatchResult(
            candidate_id=row["id"],
            status=MatchStatus(row["status"]),
            registry_nik=row["registry_nik"],
            score=row["score"],
            reasons=tuple(Reason(**r) for r in (row["reasons"] or [])),
        )
        for row in frame.iter_rows(named=True)
    ]
