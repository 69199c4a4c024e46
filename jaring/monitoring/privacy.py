"""Small-cell suppression for figures that leave the circle of people allowed to see records. No Django.

A count of 1–4 people in a cell of a public or aggregate-only table can point at a person (a desa with two
fishermen with disabilities), so such counts are withheld; 0 stays, since it names nobody. The threshold is
``settings.MONITORING_MIN_CELL`` (5 by default, the usual rule of statistics offices).

Withholding one cell is not enough where cells add up to a figure that is shown: desa to their kecamatan,
sources or categories to the members, months to what is owed so far, and in every row covered + in arrears to
the memberships. One withheld cell of such a group is the total minus the rest. So wherever a single cell of a
group is withheld, the smallest other non-zero cell of the group goes too (complementary suppression), and so
on until no group has one withheld cell alone.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import fields, replace
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


#: What is shown instead of a withheld figure. One mark for both kinds: "<5" on a complementary cell of 1,200
#: would be false, and two marks would tell which cell is the small one.
MARK = "x"


def mark() -> str:
    return MARK


def suppress(n: int | None, threshold: int = 5) -> int | None:
    """``n``, or None when it is a small count that could identify someone."""
    if n is None or not 0 < n < threshold:
        return n
    return None


def withheld(values: dict[K, int | None], groups: Iterable[Sequence[K]], threshold: int = 5) -> set[K]:
    """The cells to withhold: counts of 1 to ``threshold - 1``, then complements until no group (cells adding up
    to a shown figure) has a single withheld cell. A None is a cell already withheld (or empty): it counts as
    withheld in its groups and is not returned."""
    hidden = {cell for cell, n in values.items() if n is not None and 0 < n < threshold}
    groups = [list(group) for group in groups]
    changed = True
    while changed:
        changed = False
        for group in groups:
            gone = [cell for cell in group if cell in hidden or values[cell] is None]
            if len(gone) != 1:
                continue
            others = [cell for cell in group if cell not in hidden and values[cell]]
            if others:
                hidden.add(min(others, key=lambda cell: values[cell]))
                changed = True
    return hidden


def suppress_figures(
    counts: dict[str, int | None], groups: Iterable[Sequence[str]], threshold: int = 5
) -> dict[str, int | None]:
    """``counts`` by name with the ``withheld`` ones set to None."""
    hidden = withheld(counts, groups, threshold)
    return {name: None if name in hidden else n for name, n in counts.items()}


def suppress_rows(
    rows: Sequence[T],
    counts: tuple[str, ...],
    amounts: tuple[str, ...],
    threshold: int = 5,
    parts: tuple[str, ...] = ("covered", "arrears"),
) -> list[T]:
    """Copies of the dataclass ``rows`` with counts withheld: each count column is a group (its rows add up to
    the scope's figure), and so are a row's ``parts`` (covered + in arrears = its memberships). A row's amounts
    go when its first count does, since an amount divided by the rate gives the count back."""
    if not rows:
        return []
    names = {f.name for f in fields(rows[0])}
    present = [name for name in counts if name in names]
    values = {(i, name): getattr(row, name) for i, row in enumerate(rows) for name in present}
    groups = [[(i, name) for i in range(len(rows))] for name in present]
    if all(p in names for p in parts):
        groups += [[(i, p) for p in parts] for i in range(len(rows))]
    hidden = withheld(values, groups, threshold)
    shown = []
    for i, row in enumerate(rows):
        changes = {name: None for name in present if (i, name) in hidden}
        if present and present[0] in changes:
            changes.update(dict.fromkeys(a for a in amounts if a in names))
        shown.append(replace(row, **changes))
    return shown
