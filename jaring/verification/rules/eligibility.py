"""Who a program may pay for: each rule returns the reasons a candidate fails it (none: eligible). No Django.

The age range is configurable per program because no regulation fixes it (reference/domain-facts.md §3):
Kab. PPU applies 18–65 to pekerja rentan, many registration validators use 17–65, and the BPU maximum was 56
until 2017. The defaults here are PPU's. ASN, TNI and Polri members are covered by their own schemes (Taspen,
Asabri), and wage earners by their employer as PU; regencies' pekerja rentan programs exclude both.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from ..engine.contract import Reason

#: SIAK occupation texts of civil servants, soldiers and police ("PEGAWAI NEGERI SIPIL (PNS)", "PPPK", …).
CIVIL_SERVANT = re.compile(r"\b(PNS|ASN|PPPK|P3K|TNI|POLRI)\b|PEGAWAI NEGERI|TENTARA NASIONAL|KEPOLISIAN")
#: SIAK occupation texts of wage earners ("KARYAWAN SWASTA", "KARYAWAN BUMN", "KARYAWAN HONORER", …) and of
#: village officials, whom the desa registers as PU from APBDes/ADD (reference/domain-facts.md §7.1).
WAGE_EARNER = re.compile(r"\bKARYAWAN\b|\b(PERANGKAT|KEPALA) DESA\b")
#: Program categories whose members are wage earners by definition (village officials, non-ASN staff).
WAGE_CATEGORIES = frozenset({"perangkat_desa", "non_asn"})


class RulesConfigError(ValueError):
    """A program's eligibility settings that cannot be read; the message says which, in Bahasa Indonesia."""


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    reference_date: date
    min_age: int = 18
    max_age: int = 65
    domicile_in_regency: bool = True
    exclude_civil_servants: bool = True
    exclude_wage_earners: bool = True
    occupations: frozenset[str] = field(default_factory=frozenset)  # empty: every occupation
    groups: frozenset[str] = field(default_factory=frozenset)  # empty: no group required
    max_decile: int | None = None

    @classmethod
    def from_config(cls, config: dict | None, *, year: int, category: str = "") -> "EligibilityRules":
        """The rules of a program from its ``eligibility`` JSON; missing keys take the defaults."""
        config = dict(config or {})
        unknown = set(config) - set(cls.__dataclass_fields__)
        if unknown:
            raise RulesConfigError(f"Aturan kelayakan tidak dikenal: {', '.join(sorted(unknown))}.")
        values = {"reference_date": date(year, 1, 1), "exclude_wage_earners": category not in WAGE_CATEGORIES}
        try:
            values |= _parsed(config)
            rules = cls(**values)
        except (TypeError, ValueError) as exc:
            raise RulesConfigError(f"Aturan kelayakan tidak bisa dibaca: {exc}") from None
        if rules.min_age > rules.max_age:
            raise RulesConfigError(f"Usia minimal {rules.min_age} lebih besar dari usia maksimal {rules.max_age}.")
        return rules

    def as_config(self) -> dict:
        """JSON-ready, in a stable order (it is part of every result's fingerprint)."""
        values = asdict(self)
        values["reference_date"] = self.reference_date.isoformat()
        values["occupations"], values["groups"] = sorted(self.occupations), sorted(self.groups)
        return values


def _parsed(config: dict) -> dict:
    values = dict(config)
    if "reference_date" in values:
        values["reference_date"] = date.fromisoformat(str(values["reference_date"]))
    for name in ("occupations", "groups"):
        if name in values:
            values[name] = frozenset(values[name] or ())
    for name in ("min_age", "max_age"):
        if name in values:
            values[name] = int(values[name])
    if values.get("max_decile") is not None:
        values["max_decile"] = int(values["max_decile"])
    return values


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the rules read about one candidate: the registry's values when matched, the proposal's otherwise."""

    birth_date: date | None
    village: str | None
    registry_occupation: str = ""  # SIAK's occupation text, empty when unknown
    occupation: str = ""  # the proposal's occupation code (people.Occupation)
    groups: frozenset[str] = frozenset()
    decile: int | None = None
    employer_since: date | None = None  # start of an active PU membership paid by an employer


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_eligibility(facts: PersonFacts, rules: EligibilityRules, *, regency: str) -> list[Reason]:
    """Every rule the candidate fails, each with its reason; an empty list means eligible."""
    reasons = _age(facts, rules)
    if rules.domicile_in_regency and facts.village and not facts.village.startswith(regency + "."):
        reasons.append(Reason("domicile_outside", "village", registry=facts.village))
    reasons += _work(facts, rules)
    reasons += _targeting(facts, rules)
    return reasons


def _age(facts: PersonFacts, rules: EligibilityRules) -> list[Reason]:
    window = f"{rules.min_age}–{rules.max_age} tahun pada {rules.reference_date:%d-%m-%Y}"
    if facts.birth_date is None:
        return [Reason("age_unknown", "birth_date", registry=window)]
    age = age_on(facts.birth_date, rules.reference_date)
    if age < rules.min_age:
        return [Reason("age_below", "birth_date", ours=str(age), registry=window)]
    if age > rules.max_age:
        return [Reason("age_above", "birth_date", ours=str(age), registry=window)]
    return []


def _work(facts: PersonFacts, rules: EligibilityRules) -> list[Reason]:
    reasons = []
    text = " ".join(facts.registry_occupation.upper().split())
    if rules.exclude_civil_servants and CIVIL_SERVANT.search(text):
        reasons.append(Reason("civil_servant", "occupation", registry=text))
    if rules.exclude_wage_earners and WAGE_EARNER.search(text):
        reasons.append(Reason("wage_earner", "occupation", registry=text))
    if rules.exclude_wage_earners and facts.employer_since is not None:
        reasons.append(Reason("wage_earner_coverage", "coverage", registry=f"{facts.employer_since:%d-%m-%Y}"))
    if rules.occupations and not facts.occupation:
        # Not known is not excluded: the village is asked to fill it in, the verifier decides.
        reasons.append(Reason("occupation_missing", "occupation"))
    elif rules.occupations and facts.occupation not in rules.occupations:
        reasons.append(Reason("occupation_excluded", "occupation", ours=facts.occupation))
    return reasons


def _targeting(facts: PersonFacts, rules: EligibilityRules) -> list[Reason]:
    reasons = []
    if rules.groups and not rules.groups & facts.groups:
        reasons.append(Reason("group_required", "groups", registry=", ".join(sorted(rules.groups))))
    if rules.max_decile is not None:
        if facts.decile is None:
            reasons.append(Reason("decile_unknown", "decile", registry=str(rules.max_decile)))
        elif facts.decile > rules.max_decile:
            reasons.append(Reason("decile_above", "decile", ours=str(facts.decile), registry=str(rules.max_decile)))
    return reasons
