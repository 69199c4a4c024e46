"""The intake stage of the demo: this year's program, the villages' proposal files, a verifier's first returns.

Every file goes through the real intake services (upload, phase 1 check, phase 2 commit, return), as the
village operators and the verifier would do it on screen, so the demo shows what intake really produces:
most batches saved, two or three waiting for their operator's confirmation with problems in the report, one
refused file, and proposals sent back to their village with a message. The rows come from ``proposals``, the
files from ``village_files`` (both pure). Seeding happens once: a demo that has a program is left as it is.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level
from jaring.intake.lifecycle import BatchStatus
from jaring.intake.models import Candidate, ImportBatch, Source
from jaring.intake.services import batch_check, batch_commit, batch_upload, candidate_return
from jaring.people.models import Occupation, Sex, VulnerabilityGroup
from jaring.programs.models import Program, ProgramCategory
from jaring.regions.models import Region

from . import proposals, village_files
from .proposals import Place, Registrant, Row
from .selectors import candidate_count, proposed_by_village, registrants_by_village
from .services import DemoDataError, _number, _seconds
from .users import DEMO_USERS
from .village_files import Labels, VillageFile

PROPOSING_SHARE = 0.85
FILE_ROWS = (20, 60)
FOLLOW_UP_ROWS = (6, 10)
ACCEPT_WARNINGS_SHARE = 0.85
#: Problems every file left waiting for confirmation shows, so its report has something to read.
CHECKED_FAULTS = ("date_mismatch", "nik_15", "nik_duplicate", "other_village")
RETURNS = (15, 25)
RETURNS_PER_OPERATOR_VILLAGE = (3, 4)


@dataclass(frozen=True, slots=True)
class IntakeSummary:
    program: str
    villages: int
    batches: int
    committed: int
    checked: int
    refused: int
    rows: int
    warning_rows: int
    error_rows: int
    candidates: int
    returned: int
    seconds: float

    def __str__(self) -> str:
        n = _number
        return (
            f"program {self.program}: {n(self.batches)} berkas usulan dari {n(self.villages)} desa/kelurahan "
            f"({n(self.committed)} disimpan, {n(self.checked)} menunggu konfirmasi, {n(self.refused)} ditolak); "
            f"{n(self.rows)} baris ({n(self.warning_rows)} peringatan, {n(self.error_rows)} galat); "
            f"{n(self.candidates)} calon, {n(self.returned)} dikembalikan ke desa; {_seconds(self.seconds)}"
        )


@dataclass(slots=True)
class _Demo:
    """What every village's step needs: the program, the places, the registry, the demo users."""

    program: Program
    seed: int
    today: date
    regions: dict[str, Region]
    places: dict[str, Place]
    people: dict[str, list[Registrant]]
    labels: Labels
    operators: dict[str, User]
    faults: dict[str, set[str]]


def demo_intake_seed(
    *, regency: str, seed: int, progress: Callable[[int, int], None] | None = None
) -> IntakeSummary | None:
    """Seed the intake stage of the demo regency, all or nothing; None when the regency has a program already."""
    if Program.objects.filter(regency_id=regency).exists():
        return None
    started = time.perf_counter()
    today = timezone.localdate()
    with transaction.atomic():
        demo = _context(regency, seed, today)
        proposing, waiting, refused = _plan(demo, Random(f"{seed}:intake"))
        for done, code in enumerate(proposing, start=1):
            _village(demo, code, leave_checked=code in waiting, refused_first=code == refused)
            if progress:
                progress(done, len(proposing))
        returned = _returns(demo, Random(f"{seed}:intake:returns"))
        summary = _summary(demo.program, len(proposing), returned, time.perf_counter() - started)
        audit_record(
            actor=None,
            action="demo.intake",
            object_type="program",
            object_id=demo.program.pk,
            region_code=regency,
            detail={"seed": seed, "batches": summary.batches, "candidates": summary.candidates, "returned": returned},
        )
    return summary


def _context(regency: str, seed: int, today: date) -> _Demo:
    program = Program.objects.create(
        code=f"pr-{today.year}",
        name=f"Bantuan iuran BPJS Ketenagakerjaan pekerja rentan {today.year}",
        year=today.year,
        regency_id=regency,
        category=ProgramCategory.PEKERJA_RENTAN,
    )
    regions = {
        r.code: r
        for r in Region.objects.filter(parent__parent_id=regency, level=Level.VILLAGE).select_related("parent")
    }
    places = {code: Place(code, r.name, r.parent.name if r.parent else "") for code, r in regions.items()}
    operators = {
        u.region_id: u
        for u in User.objects.filter(
            username__in=[d.username for d in DEMO_USERS if d.role == Role.OPERATOR_DESA], region_id__in=regions
        )
    }
    return _Demo(program, seed, today, regions, places, _registry(regency, today), _labels(), operators, {})


def _registry(regency: str, today: date) -> dict[str, list[Registrant]]:
    youngest, oldest = proposals.ACCEPTED_AGES
    born_after, born_by = _years_before(today, oldest + 1), _years_before(today, youngest)
    return registrants_by_village(regency, born_after=born_after, born_by=born_by)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _labels() -> Labels:
    # The template's dropdowns are in Bahasa Indonesia, whatever language the server runs in.
    with translation.override("id"):
        return Labels(*({c: str(label) for c, label in ch.choices} for ch in (Sex, Occupation, VulnerabilityGroup)))


def _plan(demo: _Demo, rng: Random) -> tuple[list[str], set[str], str]:
    """Which villages send a file (about 85%, always those of the demo operators), whose file waits for
    confirmation (a demo operator's follow-up file, and one or two others), and whose first upload is refused."""
    with_people = sorted(code for code in demo.places if demo.people.get(code))
    own = [d.region for d in DEMO_USERS if d.region in demo.operators and d.region in with_people]
    others = [code for code in with_people if code not in demo.operators]
    share = max(0, round(PROPOSING_SHARE * len(with_people)) - len(own))
    proposing = sorted({*own, *rng.sample(others, min(share, len(others)))})
    candidates = [code for code in proposing if code not in demo.operators]
    extra = rng.sample(candidates, min(len(candidates), rng.randint(1, 2) + 1))
    waiting = set(own[:1]) | set(extra[:-1])
    refused = extra[-1] if extra else ""
    return proposing, waiting, refused


def _village(demo: _Demo, code: str, *, leave_checked: bool, refused_first: bool) -> None:
    """One village's uploads: its list, and for a demo operator's village a follow-up file left to confirm.

    A village without a demo operator whose file is left waiting sends only that file."""
    rng = Random(f"{demo.seed}:intake:{code}")
    place, actor = demo.places[code], demo.operators.get(code)
    if refused_first:
        name, data = village_files.renamed_pdf(place, demo.today.year)
        _expect(_upload(demo, code, name, data, actor), BatchStatus.REFUSED)
    follow_up = leave_checked and actor is not None
    shape = village_files.pick_shape(rng)
    size = rng.randint(*FILE_ROWS)
    if follow_up:  # keep a third for the follow-up file, however small the demo population
        size = min(size, max(RETURNS_PER_OPERATOR_VILLAGE[1] + 1, 2 * len(demo.people[code]) // 3))
    chosen = proposals.choose(demo.people[code], rng, today=demo.today, size=size)
    force = CHECKED_FAULTS if leave_checked and not follow_up else ()
    file = _file(demo, rng, code, shape, chosen, force)
    batch = _expect(_upload(demo, code, file.filename, file.data, actor), BatchStatus.CHECKED)
    if leave_checked and not follow_up:
        return
    batch_commit(batch=batch, accept_warnings=rng.random() < ACCEPT_WARNINGS_SHARE, actor=actor)
    _remember_faults(demo, file.rows)
    if follow_up:
        _follow_up(demo, rng, code, chosen, actor)


def _follow_up(demo: _Demo, rng: Random, code: str, sent: list[Registrant], actor) -> None:
    """More names a week later, two of them already proposed: the report shows them as existing."""
    sent_niks = {p.nik for p in sent}
    rest = [p for p in demo.people[code] if p.nik not in sent_niks]
    chosen = proposals.choose(rest, rng, today=demo.today, size=rng.randint(*FOLLOW_UP_ROWS))
    again = rng.sample(sent, min(2, len(sent)))
    file = _file(demo, rng, code, proposals.OWN, chosen, CHECKED_FAULTS, again=again, follow_up=True)
    _expect(_upload(demo, code, file.filename, file.data, actor), BatchStatus.CHECKED)


def _file(demo: _Demo, rng: Random, code: str, shape: str, chosen, force, again=(), follow_up=False) -> VillageFile:
    # A neighbour from the same kecamatan whose desa name is unique, so the check can say whose village it is.
    names = Counter(place.name for place in demo.places.values())
    neighbours = [
        c
        for c in demo.places
        if c[:8] == code[:8] and c != code and demo.people.get(c) and names[demo.places[c].name] == 1
    ]
    strangers = demo.people[rng.choice(sorted(neighbours))] if neighbours else []
    rows = proposals.proposal_rows(
        chosen, rng, shape=shape, places=demo.places, strangers=strangers, force=force, again=again
    )
    place, year = demo.places[code], demo.today.year
    return village_files.village_file(
        rows, rng, shape=shape, place=place, labels=demo.labels, year=year, follow_up=follow_up
    )


def _upload(demo: _Demo, code: str, filename: str, data: bytes, actor) -> ImportBatch:
    batch = batch_upload(
        program=demo.program,
        region=demo.regions[code],
        data=data,
        filename=filename,
        source=Source.USULAN,
        source_date=None,
        actor=actor,
        background=False,
    )
    return batch_check(batch.pk)


def _expect(batch: ImportBatch, status: BatchStatus) -> ImportBatch:
    if batch.status != status:
        raise DemoDataError(f"Berkas demo {batch.filename} berstatus {batch.status}, bukan {status}: {batch.message}")
    return batch


def _remember_faults(demo: _Demo, rows: tuple[Row, ...]) -> None:
    for row in rows:
        if row.fault:
            demo.faults.setdefault(row.person.nik, set()).add(row.fault)


def _returns(demo: _Demo, rng: Random) -> int:
    """The verifier sends some proposals back: three or four in each demo operator's village, so the operator
    has rows to correct, and one or two in other villages; the message fits the person when there is one."""
    verifier = User.objects.filter(username__in=[d.username for d in DEMO_USERS if d.role == Role.VERIFIKATOR]).first()
    by_village = proposed_by_village(demo.program)
    target = rng.randint(*RETURNS)
    picks = {code: rng.randint(*RETURNS_PER_OPERATOR_VILLAGE) for code in sorted(demo.operators)}
    rest = sorted(set(by_village) - set(picks))
    others = rng.sample(rest, len(rest))
    # Two villages that slipped in one of their officials come first: "already covered as PU" is a classic.
    officials = [code for code in others if any(c.person.occupation == "perangkat_desa" for c in by_village[code])]
    others = officials[:2] + [code for code in others if code not in officials[:2]]
    for code in others:
        if sum(picks.values()) >= target:
            break
        picks[code] = rng.randint(1, 2)
    registrants = {p.nik: p for people in demo.people.values() for p in people}
    returned = 0
    for code, count in picks.items():
        written: set[str] = set()
        for candidate in _to_return(by_village.get(code, []), count, demo, rng):
            person = registrants.get(candidate.person.nik)
            if person is None:
                continue
            faults = demo.faults.get(person.nik, set())
            message = proposals.return_message(person, today=demo.today, faults=faults, rng=rng, avoid=written)
            candidate_return(candidate=candidate, message=message, actor=verifier)
            written.add(message)
            returned += 1
    return returned


def _to_return(candidates: list[Candidate], count: int, demo: _Demo, rng: Random) -> list[Candidate]:
    """Those with a reason of their own first, then any."""
    marked = [c for c in candidates if _has_reason(c, demo)]
    rest = [c for c in candidates if not _has_reason(c, demo)]
    chosen = marked[:count]
    return chosen + rng.sample(rest, min(count - len(chosen), len(rest)))


def _has_reason(candidate: Candidate, demo: _Demo) -> bool:
    """A village official (covered as PU already), or a birth date typed unlike the NIK's."""
    person = candidate.person
    return person.occupation == "perangkat_desa" or "date_mismatch" in demo.faults.get(person.nik, ())


def _summary(program: Program, villages: int, returned: int, seconds: float) -> IntakeSummary:
    batches = ImportBatch.objects.filter(program=program)
    by_status = dict(batches.values_list("status").annotate(n=Count("id")))
    rows = batches.aggregate(n=Sum("rows_total"))["n"] or 0
    flagged = defaultdict(int)
    for counts in batches.values_list("counts", flat=True):
        for status in ("warning", "error"):
            flagged[status] += counts.get(status, 0)
    return IntakeSummary(
        program=program.code,
        villages=villages,
        batches=sum(by_status.values()),
        committed=by_status.get(BatchStatus.COMMITTED, 0),
        checked=by_status.get(BatchStatus.CHECKED, 0),
        refused=by_status.get(BatchStatus.REFUSED, 0),
        rows=rows,
        warning_rows=flagged["warning"],
        error_rows=flagged["error"],
        candidates=candidate_count(program),
        returned=returned,
        seconds=seconds,
    )
