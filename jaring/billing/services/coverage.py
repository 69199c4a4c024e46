"""The coverage check: every active or lapsed membership of a program gets the state its paid months give it
(``arrears``), and moves along the membership transition table: active → lapsed while a month past due is
unpaid, lapsed → active once paid up, → ended after more than ``lapse_after`` consecutive unpaid months.

The states come from one aggregate statement over the invoice lines (``selectors.unpaid_runs``); the moves are
made in chunks by ``memberships_transition``, so a million memberships never cost a query each."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership
from jaring.enrollment.services import EnrollmentError
from jaring.enrollment.services.memberships import CHUNK, memberships_transition
from jaring.programs.models import Program

from ..arrears import CoverageState, arrears_state, last_month_past_due, levels
from ..selectors import covering, settings_for, unpaid_runs
from .common import BillingError, audit, require_biller

PAID_UP = "Tunggakan iuran sudah dibayar; kepesertaan aktif kembali."


@dataclass
class CoverageCheck:
    """What the check found (``counts`` per level, memberships ended counted under ``ended``) and what it moved."""

    today: date
    counts: dict[str, int]
    lapsed: int = 0
    restored: int = 0
    ended: int = 0
    plan: dict = field(default_factory=dict, repr=False)


def coverage_plan(*, program: Program, today: date) -> CoverageCheck:
    """The state of every active or lapsed membership of the program on ``today``, and the moves it calls
    for, without writing."""
    rules = settings_for(program.regency_id)
    cutoff = last_month_past_due(today, rules.due_day)
    counts: Counter = Counter()
    ends, lapses, in_arrears = defaultdict(list), defaultdict(list), set()
    for mid, status, run in unpaid_runs(covering(program), cutoff):
        arrears = arrears_state(run, lapse_after=rules.lapse_after)
        counts[arrears.level] += 1
        in_arrears.add(mid)
        if arrears.state == CoverageState.ENDED:
            ends[(arrears.end, arrears.reason)].append(mid)
        elif status == MembershipStatus.ACTIVE:
            lapses[(arrears.first, arrears.reason)].append(mid)
    lapsed_now = covering(program).filter(status=MembershipStatus.LAPSED).values_list("pk", flat=True)
    restores = [pk for pk in lapsed_now.iterator() if pk not in in_arrears]
    counts["fine"] = covering(program).count() - len(in_arrears)
    plan = {"ends": dict(ends), "lapses": dict(lapses), "restores": restores}
    check = CoverageCheck(today, {k: counts.get(k, 0) for k in levels(rules.lapse_after)}, plan=plan)
    check.lapsed = sum(len(v) for v in lapses.values())
    check.ended, check.restored = sum(len(v) for v in ends.values()), len(restores)
    return check


def coverage_refresh(*, program: Program, today: date, actor) -> CoverageCheck:
    """Apply ``coverage_plan``: lapse, restore and end memberships, each with its reason and event, and one
    audit row for the run. All or nothing."""
    require_biller(actor, program.regency_id)
    with transaction.atomic():
        check = coverage_plan(program=program, today=today)
        for (end, reason), pks in check.plan["ends"].items():
            _move(pks, MembershipStatus.ENDED, end, reason, actor)
        for (first, reason), pks in check.plan["lapses"].items():
            _move(pks, MembershipStatus.LAPSED, first, reason, actor)
        _move(check.plan["restores"], MembershipStatus.ACTIVE, today, PAID_UP, actor)
        audit("coverage_checked", actor, object_type="program", object_id=program.pk, region_code=program.regency_id,
              detail={"today": today.isoformat(), "counts": check.counts, "lapsed": check.lapsed,
                      "restored": check.restored, "ended": check.ended})  # fmt: skip
    return check


def _move(pks: list[int], to: MembershipStatus, effective: date, reason: str, actor) -> None:
    for start in range(0, len(pks), CHUNK):
        changes = [(Membership(pk=pk), effective) for pk in pks[start : start + CHUNK]]
        try:
            memberships_transition(changes=changes, to=to, reason=reason, actor=actor)
        except EnrollmentError as exc:
            raise BillingError(str(exc)) from None


#: The levels in words, for the command line.
LEVEL_WORDS = {
    "fine": "lancar",
    "last_warning": "peringatan terakhir",
    "ended": "berakhir (lebih dari batas bulan menunggak)",
}


def level_words(level: str) -> str:
    if level.startswith("warning_"):
        return f"peringatan {level[8:]} (menunggak {level[8:]} bulan)"
    return LEVEL_WORDS.get(level, level)
