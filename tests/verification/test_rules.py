"""The pure rules after matching: eligibility, duplicates, coverage, remote answers, one status each."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from jaring.verification.lifecycle import Status, final_status
from jaring.verification.messages import TEXTS, reason_text
from jaring.verification.rules import (
    CoverageFact,
    EligibilityRules,
    Entry,
    PersonFacts,
    RulesConfigError,
    check_eligibility,
    covered_reasons,
    employer_since,
    find_duplicates,
    remote_outcome,
)

BESUKI = "35.03.01.2001"
RULES = EligibilityRules.from_config({}, year=2026)


def facts(**changes) -> PersonFacts:
    values = dict(birth_date=date(1985, 4, 12), village=BESUKI, occupation="petani")
    return PersonFacts(**(values | changes))


def codes(reasons) -> list[str]:
    return [r.code for r in reasons]


def test_defaults_are_18_to_65_on_the_first_of_january_of_the_program_year():
    assert (RULES.min_age, RULES.max_age, RULES.reference_date) == (18, 65, date(2026, 1, 1))
    assert RULES.exclude_civil_servants and RULES.exclude_wage_earners and RULES.domicile_in_regency


def test_a_worker_of_working_age_living_in_the_regency_is_eligible():
    assert check_eligibility(facts(), RULES, regency="35.03") == []


@pytest.mark.parametrize(
    ("born", "code"),
    [
        (date(2008, 1, 2), "age_below"),
        (date(2008, 1, 1), None),
        (date(1960, 1, 2), None),
        (date(1960, 1, 1), "age_above"),
    ],
)
def test_age_is_counted_on_the_reference_date(born, code):
    assert codes(check_eligibility(facts(birth_date=born), RULES, regency="35.03")) == ([code] if code else [])


def test_the_age_range_and_reference_date_are_configurable():
    rules = EligibilityRules.from_config({"min_age": 17, "max_age": 60, "reference_date": "2026-07-01"}, year=2026)
    reasons = check_eligibility(facts(birth_date=date(1965, 6, 30)), rules, regency="35.03")
    assert codes(reasons) == ["age_above"]
    assert reason_text(reasons[0]) == "Usia 61 tahun, di atas batas usia program (17–60 tahun pada 01-07-2026)."


def test_unreadable_settings_are_refused_with_a_reason():
    with pytest.raises(RulesConfigError, match="tidak dikenal: usia"):
        EligibilityRules.from_config({"usia": 17}, year=2026)
    with pytest.raises(RulesConfigError, match="lebih besar"):
        EligibilityRules.from_config({"min_age": 70}, year=2026)


@pytest.mark.parametrize(
    "text", ["PEGAWAI NEGERI SIPIL (PNS)", "TENTARA NASIONAL INDONESIA (TNI)", "KEPOLISIAN RI (POLRI)", "PPPK"]
)
def test_civil_servants_soldiers_and_police_are_not_eligible(text):
    reasons = check_eligibility(facts(registry_occupation=text), RULES, regency="35.03")
    assert codes(reasons) == ["civil_servant"]
    assert text in reason_text(reasons[0])


def test_a_retired_civil_servant_or_a_farmer_is_eligible():
    for text in ("PENSIUNAN/PURNAWIRAWAN", "PETANI/PEKEBUN", "BURUH HARIAN LEPAS"):
        assert check_eligibility(facts(registry_occupation=text), RULES, regency="35.03") == []


def test_wage_earners_are_excluded_from_a_vulnerable_workers_program_only():
    employee = facts(registry_occupation="KARYAWAN SWASTA", employer_since=date(2024, 2, 1))
    assert codes(check_eligibility(employee, RULES, regency="35.03")) == ["wage_earner", "wage_earner_coverage"]
    staff_program = EligibilityRules.from_config({}, year=2026, category="non_asn")
    assert check_eligibility(employee, staff_program, regency="35.03") == []


def test_occupation_group_and_decile_filters():
    rules = EligibilityRules.from_config(
        {"occupations": ["nelayan"], "groups": ["lansia", "disabilitas"], "max_decile": 4}, year=2026
    )
    assert codes(check_eligibility(facts(decile=6), rules, regency="35.03")) == [
        "occupation_excluded",
        "group_required",
        "decile_above",
    ]
    fisher = facts(occupation="nelayan", groups=frozenset({"lansia"}), decile=2)
    assert check_eligibility(fisher, rules, regency="35.03") == []
    assert codes(
        check_eligibility(facts(occupation="nelayan", groups=frozenset({"lansia"})), rules, regency="35.03")
    ) == ["decile_unknown"]


def test_domicile_outside_the_regency():
    reasons = check_eligibility(facts(village="35.04.01.1001"), RULES, regency="35.03")
    assert (
        reason_text(reasons[0], {"35.04.01.1001": "Kepatihan"}) == "Berdomisili di luar kabupaten program (Kepatihan)."
    )


def test_another_payers_active_membership_is_already_covered_but_this_programs_own_is_not():
    village_fund = CoverageFact("apbdes", "bpu", date(2025, 3, 1), None)
    ended = CoverageFact("donasi", "bpu", date(2024, 1, 1), date(2025, 6, 30))
    own = CoverageFact("apbd_kabupaten", "bpu", date(2025, 1, 1), None)
    reasons = covered_reasons(
        [village_fund, ended, own], reference_date=date(2026, 1, 1), payers=frozenset({"apbd_kabupaten"})
    )
    assert [(r.code, r.ours, r.registry) for r in reasons] == [("already_covered", "apbdes", "01-03-2025")]
    assert "sejak 01-03-2025" in reason_text(reasons[0], {"apbdes": "APBDes"})


def test_an_employers_wage_earner_membership_counts_as_wage_work():
    employer = CoverageFact("pemberi_kerja", "pu", date(2023, 5, 1), None)
    assert employer_since([employer], reference_date=date(2026, 1, 1)) == date(2023, 5, 1)
    assert (
        employer_since(
            [CoverageFact("pemberi_kerja", "pu", date(2020, 1, 1), date(2022, 1, 1))], reference_date=date(2026, 1, 1)
        )
        is None
    )


def entry(cid, village, *, domicile=BESUKI, source="usulan", day=1, key="3503011204850001"):
    return Entry(cid, key, f"WARGA {cid}", village, domicile, source, datetime(2026, 2, day))


def test_duplicates_keep_the_proposal_from_the_registry_domicile():
    found = find_duplicates([entry(1, "35.03.01.2002"), entry(2, BESUKI, day=9)])
    assert list(found) == [1]
    assert found[1].code == "duplicate_domicile" and found[1].ours == "WARGA 2" and found[1].registry == BESUKI


def test_duplicates_then_prefer_the_village_proposal_then_the_earliest():
    found = find_duplicates([entry(1, BESUKI, source="dtks"), entry(2, BESUKI, day=5), entry(3, BESUKI, day=3)])
    assert {k: r.code for k, r in found.items()} == {1: "duplicate_village_proposal", 2: "duplicate_earliest"}
    assert found[2].ours == "WARGA 3"


def test_different_people_are_not_duplicates():
    assert find_duplicates([entry(1, BESUKI), entry(2, BESUKI, key="3503011204850002")]) == {}


def test_precedence_keeps_the_gravest_status():
    assert final_status({Status.MISMATCH, Status.INELIGIBLE, Status.DUPLICATE}) == Status.DUPLICATE
    assert final_status({Status.DECEASED, Status.ALREADY_COVERED}) == Status.DECEASED
    assert final_status({Status.NIK_CORRECTED}) == Status.NIK_CORRECTED
    assert final_status(set()) == Status.VALID


def answer(**values):
    return SimpleNamespace(**({"found": True, "name_matches": True, "birth_date_matches": True, "is_alive": True,
                               "village": BESUKI} | values))  # fmt: skip


def test_remote_answers_become_statuses():
    assert remote_outcome(answer(), regency="35.03")[0] == Status.VALID
    assert remote_outcome(answer(found=False), regency="35.03")[0] == Status.NOT_FOUND
    assert remote_outcome(answer(is_alive=False), regency="35.03")[0] == Status.DECEASED
    assert remote_outcome(answer(village="35.04.01.1001"), regency="35.03")[0] == Status.OUT_OF_REGION
    status, reasons = remote_outcome(answer(name_matches=False), regency="35.03")
    assert status == Status.MISMATCH and "remote_name_differs" in codes(reasons)


def test_every_rule_code_reads_as_a_sentence():
    from jaring.verification.rules import eligibility

    assert eligibility  # the codes below are the ones the rules emit
    for code in ("age_below", "age_above", "age_unknown", "civil_servant", "wage_earner", "wage_earner_coverage",
                 "occupation_excluded", "group_required", "decile_above", "decile_unknown", "domicile_outside",
                 "already_covered", "duplicate_domicile", "duplicate_village_proposal", "duplicate_earliest",
                 "remote_found", "remote_not_found", "remote_deceased", "remote_unavailable"):  # fmt: skip
        assert code in TEXTS
