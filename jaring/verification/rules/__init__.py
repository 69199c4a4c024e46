"""Pure verification rules after matching: eligibility, duplicates, coverage, remote answers. No Django."""

from .coverage import CoverageFact, covered_reasons, employer_since
from .duplicates import Entry, duplicate_groups, find_duplicates
from .eligibility import EligibilityRules, PersonFacts, RulesConfigError, age_on, check_eligibility
from .remote import remote_outcome, unavailable_reason

__all__ = [
    "CoverageFact",
    "EligibilityRules",
    "Entry",
    "PersonFacts",
    "RulesConfigError",
    "age_on",
    "check_eligibility",
    "covered_reasons",
    "duplicate_groups",
    "employer_since",
    "find_duplicates",
    "remote_outcome",
    "unavailable_reason",
]
