"""Replacements from the waiting list for people taken off a decree (death, a move, withdrawal). No Django.

Each vacancy keeps its funding source: the person next in line on the waiting list whom that source may pay
(its village, occupation and group restrictions) and whose quotas still have room takes the place. The money
is the vacancy's own (same source, same cost for the rest of the period), so no budget can be exceeded; a
quota's maximum can, which is why quotas are counted on the list as it stands after every removal and every
replacement.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .contract import Quota, Source


@dataclass(frozen=True, slots=True)
class Seat:
    """Someone on the list: the quotas they count in, and the source that pays for them."""

    key: int
    source: str
    village: str
    district: str
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Waiting:
    """Someone on the waiting list, in ``place`` order (1 first)."""

    key: int
    place: int
    village: str
    district: str
    occupation: str | None = None
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Replacement:
    vacancy: Seat
    by: Waiting | None
    reason: str  # in Bahasa Indonesia, for the decree's annex and the amendment page


def _labels(village: str, district: str, groups: frozenset[str]) -> list[str]:
    return [f"village:{village}", f"district:{district}", *(f"group:{g}" for g in groups)]


def _fits(person: Waiting, counts: Counter, caps: dict[str, Quota]) -> Quota | None:
    """The first quota the person would push over its maximum, or None when every quota has room."""
    for label in _labels(person.village, person.district, person.groups):
        quota = caps.get(label)
        if quota is not None and counts[label] + 1 > quota.maximum:
            return quota
    return None


def replacements(
    seats: Sequence[Seat],
    vacancies: Sequence[int],
    waiting: Sequence[Waiting],
    sources: Sequence[Source],
    quotas: Sequence[Quota],
) -> list[Replacement]:
    """One replacement (or none, with why) per vacancy, in the order given; ``seats`` is the list before it."""
    by_key = {seat.key: seat for seat in seats}
    source_of = {source.key: source for source in sources}
    caps = {q.label: q for q in quotas if q.maximum is not None}
    counts = Counter(label for s in seats for label in _labels(s.village, s.district, s.groups))
    for key in vacancies:
        seat = by_key[key]
        counts.subtract(_labels(seat.village, seat.district, seat.groups))
    line = sorted(waiting, key=lambda w: w.place)
    taken: set[int] = set()
    result = []
    for key in vacancies:
        seat = by_key[key]
        chosen, full = _first_fitting(line, taken, source_of[seat.source], counts, caps)
        if chosen is not None:
            taken.add(chosen.key)
            counts.update(_labels(chosen.village, chosen.district, chosen.groups))
        result.append(Replacement(seat, chosen, _reason(chosen, source_of[seat.source], full)))
    return result


def _first_fitting(line, taken, source: Source, counts: Counter, caps) -> tuple[Waiting | None, Quota | None]:
    full = None
    for person in line:
        if person.key in taken or not source.pays_for(person.village, person.occupation, person.groups):
            continue
        over = _fits(person, counts, caps)
        if over is None:
            return person, None
        full = full or over
    return None, full


def _reason(chosen: Waiting | None, source: Source, full: Quota | None) -> str:
    if chosen is not None:
        return f"Pengganti dari daftar tunggu (urutan {chosen.place}), dibiayai {source.name}."
    if full is not None:
        return f"Tidak ada pengganti: kuota {full.name} (maksimal {full.maximum}) sudah penuh."
    return f"Tidak ada pengganti: tidak ada calon di daftar tunggu yang bisa dibiayai {source.name}."
