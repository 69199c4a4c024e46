"""Small-cell suppression for figures that leave the circle of people allowed to see records. No Django.

A count of 1–4 people in a cell of a public or aggregate-only table can point at a person (a desa with two
fishermen with disabilities), so such counts are withheld; 0 stays, since it names nobody. The threshold is
``settings.MONITORING_MIN_CELL`` (5 by default, the usual rule of statistics offices).
"""

from dataclasses import fields, replace
from typing import TypeVar

T = TypeVar("T")


def mark(threshold: int = 5) -> str:
    """What is shown instead of a withheld count."""
    return f"<{threshold}"


def suppress(n: int | None, threshold: int = 5) -> int | None:
    """``n``, or None when it is a small count that could identify someone."""
    if n is None or not 0 < n < threshold:
        return n
    return None


def suppress_row(row: T, counts: tuple[str, ...], amounts: tuple[str, ...], threshold: int = 5) -> T:
    """A copy of dataclass ``row`` with small counts withheld (of the names it has); its amounts go too when
    its first count does, since an amount divided by the rate gives the count back."""
    names = {f.name for f in fields(row)}
    present = [name for name in counts if name in names]
    changes = {name: suppress(getattr(row, name), threshold) for name in present}
    if present and changes[present[0]] is None and getattr(row, present[0]) is not None:
        changes.update(dict.fromkeys(a for a in amounts if a in names))
    return replace(row, **changes)
