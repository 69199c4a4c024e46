"""`jaring summary key|export|import` from the command line: a dry run unless --wet-run."""

import pytest
from django.core.management import CommandError, call_command

from jaring.monitoring.models import RegencySummary, SenderKey

from .rollup_fixtures import jatim, keys, local_program, signed  # noqa: F401

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("summary", *args, stdout=out)
    return out.getvalue()


def test_key_makes_a_key_and_prints_its_secret_once(jatim):  # noqa: F811
    output = run("key", "--regency", "3505")
    key = SenderKey.objects.get(regency_code="35.05")
    assert key.key_id in output and key.secret in output


def test_key_registers_a_key_made_on_another_instance(jatim, tmp_path):  # noqa: F811
    secret = tmp_path / "rahasia.txt"
    secret.write_text("f" * 64 + "\n")
    run("key", "--regency", "35.03", "--key-id", "35.03-prov", "--secret-file", str(secret))
    assert SenderKey.objects.get(key_id="35.03-prov").secret == "f" * 64
    secret.write_text("pendek")
    with pytest.raises(CommandError, match="Rahasia kunci terlalu pendek"):
        run("key", "--regency", "35.03", "--key-id", "35.03-lain", "--secret-file", str(secret))


def test_export_then_import_with_and_without_wet_run(local_program, tmp_path):  # noqa: F811
    run("key", "--regency", "35.03")
    key = SenderKey.objects.get()
    (tmp_path / "k").write_text(key.secret)
    out = tmp_path / "ringkasan.json"
    run("export", "--regency", "35.03", "--year", "2026", "--key-id", key.key_id, "--secret-file",
        str(tmp_path / "k"), "--out", str(out))  # fmt: skip
    report = run("import", str(out))
    assert "Kabupaten Trenggalek (35.03) 2026, Maret 2026: baru" in report
    assert "peserta 1.200" in report and "other x" in report and "Uji coba saja" in report
    assert not RegencySummary.objects.exists()
    run("import", str(out), "--wet-run")
    assert RegencySummary.objects.get().members == 1_200
    assert "sudah pernah diimpor" in run("import", str(out), "--wet-run")


def test_import_refuses_a_tampered_file(keys, tmp_path):  # noqa: F811
    path = tmp_path / "ringkasan.json"
    path.write_bytes(signed(keys["35.05"]).replace(b"10400", b"10401"))
    with pytest.raises(CommandError, match="Tanda tangan tidak cocok"):
        run("import", str(path), "--wet-run")
