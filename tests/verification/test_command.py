"""`jaring verify --program CODE [--wet-run]`: counts by status, stored only when asked."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.verification.models import VerificationResult

from .conftest import resident


def verify_command(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("verify", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_dry_run_prints_counts_by_status_and_stores_nothing(program):
    resident(program, "SUTRISNO")
    resident(program, "PAIJO", record=False)
    output = verify_command("--program", "pr-2026")
    assert "2 calon diverifikasi" in output
    assert "      1  valid" in output and "      1  tidak ditemukan" in output and "      0  ganda" in output
    assert "--wet-run" in output
    assert not VerificationResult.objects.exists()


def test_wet_run_stores_and_a_second_changes_nothing(program):
    resident(program, "SUTRISNO")
    assert "Disimpan: 1 hasil" in verify_command("--program", "pr-2026", "--wet-run")
    assert "Disimpan: 0 hasil" in verify_command("--program", "pr-2026", "--wet-run")
    assert VerificationResult.objects.count() == 1


def test_unknown_program_and_unreadable_rules_are_explained(program):
    with pytest.raises(CommandError, match="tidak ada"):
        verify_command("--program", "nope")
    program.eligibility = {"usia_min": 17}
    program.save()
    with pytest.raises(CommandError, match="tidak dikenal: usia_min"):
        verify_command("--program", "pr-2026")
    with pytest.raises(CommandError, match="tidak dikenal: usia_min"):
        verify_command("--program", "pr-2026", "--wet-run")
