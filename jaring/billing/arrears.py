"""Coverage of a membership from its paid months, and the words of a membership's end. No Django.

Coverage is real only for months that are paid: a BPU membership whose contributions are unpaid past their due
date is not covered, and one with more than ``lapse_after`` consecutive unpaid months ends, its cover stopping
at the end of the month before the first unpaid one (BPJS manual PROBIS KEPESERTAAN p. 59, §12, domain-facts
§3: "more than 3 consecutive months" end the membership). Warnings come at one and two months in arrears.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from jaring.programs.rates import add_months, month_span

from .periods import due_date

DUKCAPIL = "menurut data Dukcapil"


class CoverageState(StrEnum):
    FINE = "fine"
    WARNING = "warning"
    LAST_WARNING = "last_warning"
    ENDED = "ended"


@dataclass(frozen=True)
class BilledMonth:
    month: date  # the first day of the month
    covered: bool  # its invoice line is paid


@dataclass(frozen=True)
class UnpaidRun:
    """Billed months past due and unpaid after the last paid one: ``months`` of them, ``first`` to ``last``."""

    first: date
    last: date
    months: int


@dataclass(frozen=True)
class Arrears:
    state: CoverageState
    months: int = 0
    first: date | None = None
    last: date | None = None
    end: date | None = None  # when ended: the last day covered
    reason: str = ""

    @property
    def level(self) -> str:
        """``fine``, ``warning_1``, ``warning_2`` …, ``last_warning`` or ``ended``: what the counts are keyed by."""
        return f"warning_{self.months}" if self.state == CoverageState.WARNING else self.state.value


def last_month_past_due(today: date, due_day: int) -> date:
    """The latest month whose contributions were due before ``today`` (paying on the due day is on time)."""
    month = add_months(today.replace(day=1), -1)
    while due_date(month, due_day) >= today:
        month = add_months(month, -1)
    return month


def unpaid_run(billed: Iterable[BilledMonth], *, today: date, due_day: int) -> UnpaidRun | None:
    """The unpaid months past due that end at the latest one, or None when that one is paid. A month that was
    not billed (before the start, the billing run not done) neither breaks nor lengthens a run."""
    cutoff = last_month_past_due(today, due_day)
    past = sorted((b for b in billed if b.month <= cutoff), key=lambda b: b.month)
    run: list[date] = []
    for month in past:
        run = [] if month.covered else [*run, month.month]
    return UnpaidRun(run[0], run[-1], len(run)) if run else None


def arrears_state(run: UnpaidRun | None, *, lapse_after: int) -> Arrears:
    """Warning at each unpaid month up to ``lapse_after`` (the last one is the last warning), ended beyond it."""
    if run is None or run.months <= 0:
        return Arrears(CoverageState.FINE)
    if run.months > lapse_after:
        end = run.first - timedelta(days=1)
        reason = f"Iuran tidak dibayar {run.months} bulan berturut-turut ({month_span(run.first, run.last)})"
        return Arrears(CoverageState.ENDED, run.months, run.first, run.last, end, reason)
    state = CoverageState.LAST_WARNING if run.months == lapse_after else CoverageState.WARNING
    reason = f"Iuran belum dibayar {run.months} bulan ({month_span(run.first, run.last)})"
    return Arrears(state, run.months, run.first, run.last, reason=reason)


def arrears_of(billed: Iterable[BilledMonth], *, today: date, due_day: int, lapse_after: int) -> Arrears:
    return arrears_state(unpaid_run(billed, today=today, due_day=due_day), lapse_after=lapse_after)


def levels(lapse_after: int) -> list[str]:
    """Every level in order, for counts that show the empty ones too."""
    warnings = [f"warning_{n}" for n in range(1, lapse_after)]
    return [CoverageState.FINE.value, *warnings, CoverageState.LAST_WARNING.value, CoverageState.ENDED.value]


class EndCause(StrEnum):
    """Why a membership ends before its program does, as a village or BPJS reports it (issue #7, point 5)."""

    DEATH = "death"
    MOVED_OUT = "moved_out"
    WAGE_EARNER = "wage_earner"
    WITHDREW = "withdrew"


CAUSE_WORDS = {
    EndCause.DEATH: "Meninggal dunia",
    EndCause.MOVED_OUT: "Pindah keluar kabupaten",
    EndCause.WAGE_EARNER: "Menjadi pekerja penerima upah",
    EndCause.WITHDREW: "Mengundurkan diri",
}


def end_reason(cause: str, occurred_on: date | None, *, reported_by: str = "", note: str = "") -> str:
    """ "Meninggal dunia 12-03-2026 (dilaporkan oleh op.besuki)"; with ``DUKCAPIL`` as the reporter, the civil
    registry's word instead of a person's."""
    day = f"{occurred_on:%d-%m-%Y}" if occurred_on else "(tanggal tidak tercatat)"
    text = f"{CAUSE_WORDS[EndCause(cause)]} {day}"
    if reported_by == DUKCAPIL:
        text += f" {DUKCAPIL}"
    elif reported_by:
        text += f" (dilaporkan oleh {reported_by})"
    note = " ".join((note or "").split())
    return f"{text}: {note}" if note else text
