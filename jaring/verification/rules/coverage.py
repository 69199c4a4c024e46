"""Already covered: a BPJS Ketenagakerjaan membership another payer already funds (e.g. the village fund and
the regency's budget both paying for one person). No Django."""

from dataclasses import dataclass
from datetime import date

from ..engine.contract import Reason

EMPLOYER = "pemberi_kerja"
WAGE_SEGMENT = "pu"


@dataclass(frozen=True, slots=True)
class CoverageFact:
    payer: str
    segment: str  # "bpu" or "pu"
    start: date
    end: date | None


def _active(coverage: CoverageFact, reference_date: date) -> bool:
    # Active on the reference date or begun after it: either way the program year would be paid twice.
    return coverage.end is None or coverage.end >= reference_date


def covered_reasons(coverages: list[CoverageFact], *, reference_date: date, payers: frozenset[str]) -> list[Reason]:
    """One reason per active membership paid by someone other than this program's payers (its funding
    sources' kinds): a membership one of them already pays is the program's own, e.g. last year's."""
    return [
        Reason("already_covered", "payer", ours=c.payer, registry=f"{c.start:%d-%m-%Y}")
        for c in sorted(coverages, key=lambda c: c.start)
        if c.payer not in payers and _active(c, reference_date)
    ]


def employer_since(coverages: list[CoverageFact], *, reference_date: date) -> date | None:
    """Start of an active wage-earner (PU) membership paid by an employer: the person is not a BPU worker."""
    starts = [
        c.start for c in coverages if c.payer == EMPLOYER and c.segment == WAGE_SEGMENT and _active(c, reference_date)
    ]
    return min(starts, default=None)
