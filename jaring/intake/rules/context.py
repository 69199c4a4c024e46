"""What a row is checked against (RowContext) and what checking it gives (RowResult)."""

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from functools import cached_property
from typing import Literal

from .messages import Issue
from .text import _place_key
from .vocabulary import _GROUP_SYNONYMS, _OCCUPATION_SYNONYMS, _Vocabulary


@dataclasses.dataclass(frozen=True)
class RowContext:
    """What a row is checked against: the uploader's regency and villages, and the vocabularies.

    ``villages`` maps Kemendagri codes ("35.03.01.2001") to names, ``districts`` likewise for kecamatan;
    ``allowed_villages`` is set for a village operator, who may only propose people of her own village.
    ``occupations`` and ``groups`` map codes to labels (the caller builds them from the Django choices).
    """

    regency: str
    villages: Mapping[str, str]
    districts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    bps_to_kemendagri: Mapping[str, str] = dataclasses.field(default_factory=dict)
    allowed_villages: set[str] | frozenset[str] | None = None
    reference_date: date = dataclasses.field(default_factory=date.today)
    occupations: Mapping[str, str] = dataclasses.field(default_factory=dict)
    groups: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Results of cleaners that depend only on a cell's text and this context, by cell text: a file of 100,000
    #: rows holds a few hundred distinct desa, occupations and groups, each resolved once.
    memo: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def remembered(self, key: tuple, compute):
        """``compute()``'s (value, issues), computed once per key; the issues come back as a fresh list."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = compute()
        return found[0], list(found[1])

    @cached_property
    def village_by_name(self) -> dict[str, tuple[str, ...]]:
        """Normalised name → codes; more than one code when two kecamatan each have a desa of that name."""
        return _index_by_name(self.villages)

    @cached_property
    def district_by_name(self) -> dict[str, tuple[str, ...]]:
        return _index_by_name(self.districts)

    @cached_property
    def occupation_vocabulary(self) -> "_Vocabulary":
        return _Vocabulary(self.occupations, _OCCUPATION_SYNONYMS)

    @cached_property
    def group_vocabulary(self) -> "_Vocabulary":
        return _Vocabulary(self.groups, _GROUP_SYNONYMS)


def _index_by_name(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for code, name in sorted(names.items()):
        index[_place_key(name)].append(code)
    return {key: tuple(codes) for key, codes in index.items()}


@dataclasses.dataclass
class RowResult:
    """One row's cleaned values, ready for a Person, and everything found wrong with it."""

    nik: str = ""
    kk_number: str = ""
    full_name: str = ""
    full_name_original: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    sex: str = ""
    street: str = ""
    rt: str = ""
    rw: str = ""
    village_code: str = ""
    phone: str = ""
    occupation: str = ""
    groups: tuple[str, ...] = ()
    welfare_decile: int | None = None
    note: str = ""
    issues: list[Issue] = dataclasses.field(default_factory=list)

    @property
    def status(self) -> Literal["error", "warning", "ok"]:
        severities = {issue.severity for issue in self.issues}
        return "error" if "error" in severities else "warning" if "warning" in severities else "ok"

    def cleaned(self) -> dict:
        """The cleaned values as JSON-ready data (ISO date, list of groups), without the issues."""
        values = {name: getattr(self, name) for name in _CLEANED_FIELDS}
        values["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        values["groups"] = list(self.groups)
        return values


#: Field names of RowResult.cleaned(), computed once: dataclasses.fields() per row was a tenth of phase 1.
_CLEANED_FIELDS = tuple(f.name for f in dataclasses.fields(RowResult) if f.name != "issues")
