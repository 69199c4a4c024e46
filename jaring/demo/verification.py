"""The verification stage of the demo: the usual gaps between the proposals and the civil registry, a real run
of verification over them, and a verifier's first decisions.

A regency's people registry (DTSEN) and its village lists are not Dukcapil's data, and the demo shows the
gaps verification exists for: names spelt otherwise or with titles, day and month swapped, a mistyped NIK,
people the extract does not hold, people who moved out of the regency, the deceased still listed, the same
person proposed again from a DTSEN extract under a mistyped NIK, members already paid for by their village
fund or their employer, and proposals the program's rules exclude (a village official, a seventeen-year-old).
The gaps come from ``drift`` (pure); the run and the decisions go through the real verification services.
Seeding happens once: a program that has a verification run is left as it is.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.models import Candidate, Source
from jaring.people.models import Coverage, CoveragePayer, CoverageSegment, Person
from jaring.programs.models import Program
from jaring.regions.models import Region
from jaring.verification.models import VerificationResult, VerificationRun
from jaring.verification.services import (
    result_accept_as_is,
    result_accept_registry,
    result_reject,
    result_return,
    verification_run,
    verification_start,
)

from . import drift, selectors
from .proposals import VULNERABLE
from .services import _number, _seconds
from .users import DEMO_USERS

#: Share of proposals given each gap (of the proposals still open); at least one of each.
GAPS = {
    "name_spelling": 0.03,
    "name_title": 0.02,
    "date_swapped": 0.015,
    "nik_typo": 0.015,
    "not_in_extract": 0.01,
    "moved_away": 0.006,
    "dtsen_again": 0.01,
    "covered": 0.01,
}
NEIGHBOUR_REGENCY = "35.04"  # Tulungagung, where movers from Trenggalek often go


@dataclass(frozen=True, slots=True)
class VerificationSummary:
    program: str
    candidates: int
    counts: dict[str, int]
    decided: int
    seconds: float

    def __str__(self) -> str:
        found = ", ".join(f"{status} {_number(n)}" for status, n in sorted(self.counts.items()))
        return (
            f"verifikasi {self.program}: {_number(self.candidates)} calon ({found}); "
            f"{_number(self.decided)} diputuskan verifikator; {_seconds(self.seconds)}"
        )


def demo_verification_seed(*, regency: str, seed: int) -> VerificationSummary | None:
    """Seed the verification stage of the demo regency; None when there is no program or it has a run."""
    program = Program.objects.filter(regency_id=regency).order_by("-year", "-pk").first()
    if program is None or VerificationRun.objects.filter(program=program).exists():
        return None
    started = time.perf_counter()
    rng = Random(f"{seed}:verification")
    verifier = User.objects.get(username=_demo_user(Role.VERIFIKATOR))
    with transaction.atomic():
        _gaps(program, rng, timezone.localdate())
    run = verification_start(program=program, actor=verifier, background=False)
    run = verification_run(run=run)
    decided = _decisions(program, verifier, rng)
    audit_record(
        actor=None,
        action="demo.verification",
        object_type="program",
        object_id=program.pk,
        region_code=regency,
        detail={"seed": seed, "counts": run.counts, "decided": decided},
    )
    total = sum(run.counts.values())
    return VerificationSummary(program.code, total, run.counts, decided, time.perf_counter() - started)


def _demo_user(role: Role) -> str:
    return next(d.username for d in DEMO_USERS if d.role == role)


# --- The gaps -------------------------------------------------------------------------------------------------


def _gaps(program: Program, rng: Random, today: date) -> None:
    open_ = selectors.open_candidates(program, VULNERABLE)
    rng.shuffle(open_)
    # Each demo operator's village gets a proposal the extract does not hold, so she has one to correct.
    operators = _operator_villages()
    first = [next(c for c in open_ if c.village_id == code) for code in sorted(operators) if _any_in(open_, code)]
    for candidate in first:
        _not_in_extract(candidate, rng, today)
    open_ = [c for c in open_ if c not in first]
    taken = 0
    for gap, share in GAPS.items():
        count = max(1, round(len(open_) * share))
        for candidate in open_[taken : taken + count]:
            _APPLY[gap](candidate, rng, today)
        taken += count


def _any_in(candidates: list[Candidate], village: str) -> bool:
    return any(c.village_id == village for c in candidates)


def _operator_villages() -> set[str]:
    names = [d.username for d in DEMO_USERS if d.role == Role.OPERATOR_DESA]
    return set(User.objects.filter(username__in=names).values_list("region_id", flat=True))


def _person_drift(fault: str):
    """A gap in the person's own record (the people registry's copy), through the pure ``drift`` faults."""

    def apply(candidate: Candidate, rng: Random, today: date) -> None:
        person = candidate.person
        row = {"nik": person.nik, "full_name": person.full_name, "birth_date": person.birth_date, "sex": person.sex}
        drift.FAULTS[fault](rng, row, {})
        if fault == "nik_typo" and _nik_taken(row["nik"]):
            return
        person.nik, person.full_name, person.birth_date = row["nik"], row["full_name"], row["birth_date"]
        person.save(update_fields=["nik", "full_name", "birth_date", "updated_at"])

    return apply


def _nik_taken(nik: str) -> bool:
    return selectors.nik_taken(nik)


def _not_in_extract(candidate: Candidate, rng: Random, today: date) -> None:
    """A newcomer the village also proposed: living here on a KTP from Tulungagung, not in this extract."""
    neighbours = selectors.village_people(candidate.village_id)
    first, last = rng.choice(neighbours).full_name.split()[0], rng.choice(neighbours).full_name.split()[-1]
    born = date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
    sex = rng.choice("LP")
    day = born.day + (40 if sex == "P" else 0)
    district = rng.choice(["350401", "350402", "350403"])
    nik = f"{district}{day:02d}{born:%m%y}{rng.randint(9000, 9999)}"
    if _nik_taken(nik):
        return
    person = Person(nik=nik, full_name=f"{first} {last}", birth_date=born, sex=sex, occupation="buruh_tani")
    person.set_village(candidate.village_id)
    person.save()
    newcomer = Candidate(program=candidate.program, person=person, source=Source.USULAN)
    newcomer.set_village(candidate.village_id)
    newcomer.save()


def _moved_away(candidate: Candidate, rng: Random, today: date) -> None:
    """Moved to Tulungagung after the village listed them: the registry's newer extract says so."""
    villages = list(
        Region.objects.filter(code__startswith=NEIGHBOUR_REGENCY + ".", level=4)
        .order_by("code")
        .values_list("code", flat=True)[:40]
    )
    record = selectors.civil_record(candidate.person.nik)
    if record is None or not villages:
        return
    record.set_village(rng.choice(villages))
    record.extract_date = today - timedelta(days=rng.randint(10, 60))
    record.save()


def _dtsen_again(candidate: Candidate, rng: Random, today: date) -> None:
    """The same person again from a DTSEN extract, under a NIK with one digit mistyped."""
    person = candidate.person
    row = {"nik": person.nik}
    drift.nik_typo(rng, row, {})
    if _nik_taken(row["nik"]):
        return
    twin = Person(
        nik=row["nik"],
        kk_number=person.kk_number,
        full_name=person.full_name,
        birth_place=person.birth_place,
        birth_date=person.birth_date,
        sex=person.sex,
        street=person.street,
        rt=person.rt,
        rw=person.rw,
        occupation=person.occupation,
        welfare_decile=person.welfare_decile,
        welfare_source="dtsen",
        welfare_date=today - timedelta(days=120),
    )
    twin.set_village(person.village_id)
    twin.save()
    again = Candidate(program=candidate.program, person=twin, source=Source.DTSEN, source_date=twin.welfare_date)
    again.set_village(person.village_id)
    again.save()


def _covered(candidate: Candidate, rng: Random, today: date) -> None:
    """Already a member: paid by the village fund (APBDes) or by an employer as a wage earner."""
    payer = rng.choice([CoveragePayer.APBDES, CoveragePayer.PEMBERI_KERJA])
    segment = CoverageSegment.PU if payer == CoveragePayer.PEMBERI_KERJA else CoverageSegment.BPU
    Coverage(
        person=candidate.person,
        payer=payer,
        segment=segment,
        kpj=f"{rng.randrange(10**10, 10**11)}",
        start=date(today.year - 1, rng.randint(1, 12), 1),
        note="Hasil cek kepesertaan BPJS Ketenagakerjaan kantor cabang",
    ).save()


_APPLY = {
    "name_spelling": _person_drift("name_spelling"),
    "name_title": _person_drift("name_title"),
    "date_swapped": _person_drift("date_swapped"),
    "nik_typo": _person_drift("nik_typo"),
    "not_in_extract": _not_in_extract,
    "moved_away": _moved_away,
    "dtsen_again": _dtsen_again,
    "covered": _covered,
}


# --- A verifier's first decisions -----------------------------------------------------------------------------


def _decisions(program: Program, verifier: User, rng: Random) -> int:
    """A few of each kind, so the queue shows decided findings beside the many still pending."""
    results = selectors.program_results(program)
    by_status: dict[str, list[VerificationResult]] = {}
    for result in results:
        by_status.setdefault(result.status, []).append(result)
    decided = 0
    for result in _some(by_status, "nik_corrected", 3, rng):
        result_accept_registry(result=result, actor=verifier)
        decided += 1
    for result in _some(by_status, "mismatch", 2, rng):
        note = "Sudah dicek ke KTP: tanggal lahir di data kependudukan yang benar, usulan tetap."
        result_accept_as_is(result=result, note=note, actor=verifier)
        decided += 1
    for result in _some(by_status, "deceased", 2, rng):
        result_reject(result=result, note="Meninggal dunia menurut data kependudukan.", actor=verifier)
        decided += 1
    for result in _returnable(by_status.get("not_found", []), rng):
        message = "NIK tidak ditemukan di data kependudukan. Mohon cek KTP/KK dan perbaiki NIK."
        result_return(result=result, message=message, actor=verifier)
        decided += 1
    return decided


def _some(by_status: dict, status: str, count: int, rng: Random) -> list:
    found = by_status.get(status, [])
    return rng.sample(found, min(count, len(found)))


def _returnable(results: list, rng: Random) -> list:
    """Not-found proposals of the demo operators' villages first (so they have one to fix), then two others."""
    operator_villages = _operator_villages()
    open_ = [r for r in results if r.candidate.status != CandidateStatus.RETURNED]
    own = [r for r in open_ if r.candidate.village_id in operator_villages]
    others = [r for r in open_ if r not in own]
    return own + rng.sample(others, min(2, len(others)))
