"""One verification of a program's candidates, computed without writing anything: the engine's match, the
remote verifier for those the extract lacks, then duplicates, coverage and eligibility, one status each."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

import polars as pl

from jaring.civil.registry import registry_frame

from ..engine import MatchResult, MatchStatus, Reason, match_batch, results
from ..lifecycle import Status, final_status
from ..rules import (
    EligibilityRules,
    Entry,
    PersonFacts,
    check_eligibility,
    covered_reasons,
    duplicate_groups,
    employer_since,
    find_duplicates,
    remote_outcome,
    unavailable_reason,
)
from .inputs import CandidateRow, Inputs, load_inputs, registry_details
from .remote import ANSWERED, RemoteResult, RemoteSession

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class Outcome:
    candidate_id: int
    village: str
    status: Status
    registry_nik: str
    score: float
    reasons: tuple[dict, ...]
    fingerprint: str
    remote: str = ""  # "" (not asked), "answered" or "unavailable"


@dataclass
class Context:
    """Everything about the run that is the same for every candidate."""

    regency: str
    rules: EligibilityRules
    inputs: Inputs
    records: dict[str, dict]  # registry rows by NIK, with extract date and occupation
    duplicates: dict[int, Reason]
    groups: dict[int, tuple[int, ...]]
    remote: RemoteSession | None


def program_rules(program) -> EligibilityRules:
    return EligibilityRules.from_config(program.eligibility, year=program.year, category=program.category)


def verification_compute(program, *, progress: Progress | None = None) -> list[Outcome]:
    """Every open candidate of the program with its status, reasons and fingerprint. Writes nothing."""
    rules = program_rules(program)  # a program whose rules cannot be read fails before any work
    inputs = load_inputs(program)
    regency = program.regency_id
    registry = registry_frame(regency, extra_niks=[c.nik for c in inputs.candidates])
    matches = {m.candidate_id: m for m in results(match_batch(inputs.frame(), registry, regency=regency))}
    records = _records(registry, {m.registry_nik for m in matches.values() if m.registry_nik})
    entries = [_entry(c, matches[c.id], records) for c in inputs.candidates]
    ctx = Context(
        regency, rules, inputs, records, find_duplicates(entries), duplicate_groups(entries), RemoteSession.open()
    )
    outcomes, total = [], len(inputs.candidates)
    for done, candidate in enumerate(inputs.candidates, start=1):
        outcomes.append(_outcome(candidate, matches[candidate.id], ctx))
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return outcomes


def _records(registry: pl.DataFrame, niks: set[str]) -> dict[str, dict]:
    rows = registry.filter(pl.col("nik").is_in(list(niks))).iter_rows(named=True)
    records = {row["nik"]: row for row in rows}
    for nik, (extract_date, occupation) in registry_details(list(records)).items():
        records[nik] |= {"extract_date": extract_date, "occupation": occupation}
    return records


def _entry(candidate: CandidateRow, match: MatchResult, records: dict[str, dict]) -> Entry:
    record = records.get(match.registry_nik or "")
    return Entry(
        candidate_id=candidate.id,
        key=match.registry_nik or candidate.nik,
        label=candidate.full_name,
        village=candidate.village,
        domicile=record["village"] if record else None,
        source=candidate.source,
        created=candidate.created_at,
    )


def _outcome(candidate: CandidateRow, match: MatchResult, ctx: Context) -> Outcome:
    status, reasons, remote = _matched(candidate, match, ctx)
    found = {status}
    if duplicate := ctx.duplicates.get(candidate.id):
        found.add(Status.DUPLICATE)
        reasons.append(duplicate)
    coverage = ctx.inputs.coverage.get(candidate.person_id, [])
    if covered := covered_reasons(coverage, reference_date=ctx.rules.reference_date, payers=ctx.inputs.payers):
        found.add(Status.ALREADY_COVERED)
        reasons += covered
    ineligible = check_eligibility(_facts(candidate, match, remote, ctx), ctx.rules, regency=ctx.regency)
    if status == Status.OUT_OF_REGION:  # already said, with the registry's village
        ineligible = [r for r in ineligible if r.code != "domicile_outside"]
    if ineligible:
        found.add(Status.INELIGIBLE)
        reasons += ineligible
    return Outcome(
        candidate_id=candidate.id,
        village=candidate.village,
        status=final_status(found),
        registry_nik=match.registry_nik or "",
        score=1.0 if remote and remote.kind == ANSWERED and remote.answer.found else match.score,
        reasons=tuple(asdict(r) for r in reasons),
        fingerprint=_fingerprint(candidate, match, ctx),
        remote=remote.kind if remote else "",
    )


def _matched(candidate: CandidateRow, match: MatchResult, ctx: Context):
    """The registry's finding, or the remote verifier's for a candidate the extract lacks."""
    reasons = list(match.reasons)
    if match.status != MatchStatus.NOT_FOUND or ctx.remote is None:
        return Status(match.status.value), reasons, None
    remote = ctx.remote.ask(candidate.nik, candidate.full_name, candidate.birth_date)
    if remote.kind != ANSWERED:
        return Status.UNVERIFIED, [*reasons, unavailable_reason(remote.message)], remote
    status, more = remote_outcome(remote.answer, regency=ctx.regency)
    return status, [*reasons, *more], remote


def _facts(candidate: CandidateRow, match: MatchResult, remote: RemoteResult | None, ctx: Context) -> PersonFacts:
    record = ctx.records.get(match.registry_nik or "")
    village = candidate.person_village
    if remote and remote.kind == ANSWERED and getattr(remote.answer, "village", None):
        village = remote.answer.village
    coverage = ctx.inputs.coverage.get(candidate.person_id, [])
    return PersonFacts(
        birth_date=record["birth_date"] if record else candidate.birth_date,
        village=record["village"] if record else village,
        registry_occupation=(record or {}).get("occupation", ""),
        occupation=candidate.occupation,
        groups=ctx.inputs.groups.get(candidate.person_id, frozenset()),
        decile=candidate.decile,
        employer_since=employer_since(coverage, reference_date=ctx.rules.reference_date),
    )


def _fingerprint(candidate: CandidateRow, match: MatchResult, ctx: Context) -> str:
    """Everything the finding rests on except the remote verifier's answer, which a re-run may not get again."""
    person = asdict(candidate)
    person.pop("created_at")
    coverage = ctx.inputs.coverage.get(candidate.person_id, [])
    payload = [
        person,
        sorted(ctx.inputs.groups.get(candidate.person_id, ())),
        match.status.value,
        match.registry_nik,
        ctx.records.get(match.registry_nik or ""),
        ctx.rules.as_config(),
        sorted(ctx.inputs.payers),
        sorted((c.payer, c.segment, str(c.start), str(c.end)) for c in coverage),
        ctx.groups[candidate.id],
    ]
    text = json.dumps(payload, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
