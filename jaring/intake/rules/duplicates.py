"""Checks across rows: the same NIK twice, and one person under two NIKs."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import islice

from .context import RowResult
from .messages import Issue, _issue

_SHOWN_ROWS = 5


def find_duplicates(results: Sequence[RowResult], row_numbers: Sequence[int] | None = None) -> dict[int, list[Issue]]:
    """Issues from comparing rows, keyed by position in ``results``.

    ``row_numbers`` are the rows as the operator sees them in the file ("sama dengan baris 12"); 1, 2, 3… if
    not given. The same NIK twice is an error on the later rows; the same name and birth date under different
    NIKs is a warning on each of them (one person typed twice, or two people: the operator knows).
    """
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(results) + 1))
    found: dict[int, list[Issue]] = defaultdict(list)
    first: dict[str, int] = {}
    for index, result in enumerate(results):
        if result.nik and result.nik in first:
            found[index].append(_issue("nik", "nik_duplicate", value=numbers[first[result.nik]]))
        elif result.nik:
            first[result.nik] = index
    _same_person(results, numbers, found)
    return dict(found)


def _same_person(results: Sequence[RowResult], numbers: list[int], found: dict[int, list[Issue]]) -> None:
    people: dict[tuple[str, date], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, result in enumerate(results):
        if result.full_name and result.birth_date and result.nik:
            people[(result.full_name, result.birth_date)][result.nik].append(index)
    for by_nik in people.values():
        if len(by_nik) > 1:
            size = sum(map(len, by_nik.values()))
            for nik, indexes in by_nik.items():
                issue = _issue(
                    "nik", "same_person_other_nik", value=_other_rows(by_nik, nik, size - len(indexes), numbers)
                )
                for index in indexes:
                    found[index].append(issue)


def _other_rows(by_nik: Mapping[str, list[int]], nik: str, count: int, numbers: list[int]) -> str:
    """The first few rows under another NIK: a whole village of one common name must not make a huge message."""
    others = (str(numbers[i]) for other, indexes in by_nik.items() if other != nik for i in indexes)
    shown = list(islice(others, _SHOWN_ROWS))
    return ", ".join(shown) + (f" (dan {count - len(shown)} baris lain)" if count > len(shown) else "")
