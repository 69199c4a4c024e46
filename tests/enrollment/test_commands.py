"""``jaring bpjs-export``, ``jaring bpjs-import`` and ``jaring memberships-activate``: Bahasa Indonesia output,
dry runs unless --wet-run, exit code 1 when the results file has errors."""

import csv
import io
from io import StringIO

import fastexcel
import pytest
from django.core.management import CommandError, call_command

from jaring.enrollment.models import Membership, ResultImport
from jaring.programs.models import Program
from jaring.verification.lifecycle import Decision

from ..verification.conftest import result_of
from .conftest import accepted, final_decree, nik_of, rejected, results_file, source_of


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_writes_the_format_the_file_name_says(program, decree, candidates, tmp_path):
    out = run("bpjs_export", "--program", "pr-2026", "--out", str(tmp_path / "daftar.xlsx"))
    assert "4 orang ditulis" in out and "(xlsx)" in out
    frame = fastexcel.read_excel(tmp_path / "daftar.xlsx").load_sheet(0, dtypes="string").to_polars()
    assert set(frame["NIK"]) == {nik_of(c) for c in candidates.values()}
    run("bpjs_export", "--program", "pr-2026", "--out", str(tmp_path / "daftar.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "daftar.txt").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4


def test_export_of_an_unknown_program_fails(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        run("bpjs_export", "--program", "nope", "--out", str(tmp_path / "x.csv"))


@pytest.fixture
def answer(tmp_path, candidates):
    def write(rows, name="hasil.csv"):
        path = tmp_path / name
        path.write_bytes(results_file(rows))
        return str(path)

    return write


def test_import_infers_the_program_prints_the_report_and_writes_nothing_without_wet_run(
    program, decree, candidates, answer
):
    path = answer([accepted(candidates["PAIMAN"], "17010000001"), rejected(candidates["AGUS"], "NIK ganda")])
    out = run("bpjs_import", path)
    assert "Bantuan iuran pekerja rentan (pr-2026): 2 baris diperiksa." in out
    assert "1  kepesertaan baru" in out and "1  ditolak, kembali ke verifikator" in out and "Uji coba" in out
    assert not Membership.objects.exists() and not ResultImport.objects.exists()


def test_import_with_wet_run_applies(program, decree, candidates, answer):
    path = answer([accepted(candidates["PAIMAN"], "17010000001"), rejected(candidates["AGUS"], "NIK ganda")])
    out = run("bpjs_import", path, "--wet-run")
    assert "Diterapkan: 1 kepesertaan baru, 1 kembali ke verifikator" in out
    assert Membership.objects.get().kpj == "17010000001"
    assert result_of(candidates["AGUS"]).decision == Decision.PENDING
    with pytest.raises(CommandError, match="sudah pernah diimpor"):
        run("bpjs_import", path, "--wet-run")


def test_import_with_errors_applies_nothing_and_exits_with_1(program, decree, candidates, answer):
    path = answer([accepted(candidates["PAIMAN"], "17010000001"), accepted(candidates["WAGIYO"], "17010000001")])
    out = StringIO()
    with pytest.raises(CommandError, match="2 baris bermasalah") as failed:
        call_command("bpjs_import", path, "--wet-run", stdout=out)
    assert failed.value.returncode == 1
    assert "baris 2 (galat): KPJ 17010000001 juga ada di baris 3." in out.getvalue()
    assert not Membership.objects.exists()


def test_import_asks_for_the_program_when_the_niks_fit_several_or_none(program, decree, candidates, answer):
    other = Program.objects.create(
        code="pr-lain", name="Program lain", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    other.sources.create(kind="apbd_kabupaten", name="APBD", amount=1)
    from ..verification.conftest import propose

    twin = propose(other, candidates["PAIMAN"].person)
    final_decree(other, [(twin, source_of(other, "apbd_kabupaten"))])
    path = answer([accepted(candidates["PAIMAN"], "17010000001")])
    with pytest.raises(CommandError, match=r"beberapa program \(pr-2026, pr-lain\)"):
        run("bpjs_import", path)
    assert "pr-lain" in run("bpjs_import", path, "--program", "pr-lain")
    both = answer([accepted(candidates["PAIMAN"], "17010000001"), accepted(candidates["AGUS"], "17010000002")], "b.csv")
    assert "pr-2026" in run("bpjs_import", both)
    with pytest.raises(CommandError, match="Tidak ada program"):
        run("bpjs_import", answer([("3503010101010001", "X", "17010000009", "DITERIMA")], "c.csv"))
