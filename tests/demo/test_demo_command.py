"""`jaring demo`: built once, reused afterwards, never half-written, never twice at a time."""

import fcntl
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

POPULATION = "400"


def jaring(var_dir, *args, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "JARING_MODE", "SECRET_KEY"}}
    env["JARING_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [sys.executable, "-m", "jaring.cli", "demo", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def counts(var_dir):
    with sqlite3.connect(var_dir / "jaring.sqlite3") as conn:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in (
                "civil_civilrecord",
                "people_person",
                "accounts_user",
                "regions_region",
                "demo_demoseed",
                "programs_program",
                "intake_importbatch",
                "intake_candidate",
            )
        }


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("demo")
    # What any command opening the default database leaves behind before a demo exists: the demo replaces it.
    sqlite3.connect(var_dir / "jaring.sqlite3").close()
    first = jaring(var_dir, "--no-serve", "--population", POPULATION)
    assert first.returncode == 0, first.stderr
    return var_dir, first


def test_first_run_builds_regions_regency_and_users_for_every_role(built_demo):
    var_dir, first = built_demo
    found = counts(var_dir)
    assert found["civil_civilrecord"] == int(POPULATION)
    assert found["regions_region"] == 91_599
    assert found["accounts_user"] == 9
    for role in ("operator_desa", "verifikator", "perencana", "pejabat", "petugas_bpjs", "pemantau", "admin"):
        assert role in first.stdout
    assert "demo-jaring-2025" in first.stdout


def test_first_run_seeds_the_intake_stage_with_files_from_the_villages(built_demo):
    var_dir, first = built_demo
    found = counts(var_dir)
    assert found["programs_program"] == 1
    assert found["intake_importbatch"] > 50 and found["intake_candidate"] > 0
    assert "Usulan demo: program pr-" in first.stdout


def test_second_run_reuses_the_data_without_seeding_again(built_demo):
    var_dir, _ = built_demo
    before = counts(var_dir)
    second = jaring(var_dir, "--no-serve", "--population", POPULATION)
    assert second.returncode == 0, second.stderr
    assert counts(var_dir) == before
    assert "Membuat basis data demo" not in second.stdout and "Menambahkan" not in second.stdout


def test_a_second_demo_while_one_runs_is_refused(built_demo):
    var_dir, _ = built_demo
    with (var_dir / "demo.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = jaring(var_dir, "--no-serve")
    assert result.returncode == 1
    assert "sudah berjalan" in result.stderr


def test_population_zero_or_negative_is_refused(tmp_path):
    for population in ("0", "-5"):
        result = jaring(tmp_path, "--no-serve", "--population", population)
        assert result.returncode == 1 and "lebih dari 0" in result.stderr
    assert not (tmp_path / "jaring.sqlite3").exists()


def test_a_foreign_database_file_is_not_overwritten(tmp_path):
    (tmp_path / "jaring.sqlite3").write_bytes(b"bukan basis data")
    result = jaring(tmp_path, "--no-serve", "--population", POPULATION)
    assert result.returncode == 1 and "--reset" in result.stderr
    assert (tmp_path / "jaring.sqlite3").read_bytes() == b"bukan basis data"


def test_an_older_demo_database_is_migrated_on_start(built_demo, tmp_path):
    var_dir, _ = built_demo
    old = tmp_path / "jaring.sqlite3"
    old.write_bytes((var_dir / "jaring.sqlite3").read_bytes())
    with sqlite3.connect(old) as conn:  # an older release, before the audit table existed
        conn.execute("DROP TABLE audit_auditevent")
        conn.execute("DELETE FROM django_migrations WHERE app='audit'")
    result = jaring(tmp_path, "--no-serve")
    assert result.returncode == 0, result.stderr
    assert "versi Jaring yang lebih lama" in result.stdout
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()[0] == 0


def test_an_older_demo_without_the_intake_stage_gains_it_on_start(built_demo, tmp_path):
    var_dir, _ = built_demo
    old = tmp_path / "jaring.sqlite3"
    old.write_bytes((var_dir / "jaring.sqlite3").read_bytes())
    # A demo built before programs, intake and verification existed; so were the stages that build on them.
    later_apps = ("intake", "programs", "verification", "decrees", "enrollment", "billing", "donations", "monitoring")
    with sqlite3.connect(old) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0].split("_", 1)[0] in later_apps
        ]
        for table in tables:
            conn.execute(f"DROP TABLE {table}")
        conn.execute(f"DELETE FROM django_migrations WHERE app IN {later_apps}")
    result = jaring(tmp_path, "--no-serve")
    assert result.returncode == 0, result.stderr
    assert "Menambahkan tahap usulan desa" in result.stdout and "Usulan demo siap" in result.stdout
    assert "Seleksi demo siap" in result.stdout and "Menambahkan penyebut cakupan" in result.stdout
    found = counts(tmp_path)
    assert found["programs_program"] == 1 and found["intake_importbatch"] > 50
    again = jaring(tmp_path, "--no-serve")
    assert again.returncode == 0 and "Menambahkan" not in again.stdout
    assert counts(tmp_path) == found


def test_demo_serves_pages_and_runs_the_worker(built_demo):
    var_dir, _ = built_demo
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "JARING_MODE", "SECRET_KEY"}}
    env["JARING_VAR_DIR"] = str(var_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jaring.cli", "demo", "--port", "8765"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # A wait, not a speed figure: on a busy two-core CI machine three Python processes start here.
        deadline, page = time.monotonic() + 60, None
        while time.monotonic() < deadline and page is None:
            try:
                page = urllib.request.urlopen("http://127.0.0.1:8765/akun/masuk/", timeout=2).read().decode()
            except OSError:
                time.sleep(0.2)
        assert page is not None, "the demo did not serve within 60 s"
        assert "Masuk ke Jaring" in page
        workers = subprocess.run(
            ["pgrep", "-f", "jaring.cli db_worker", "-s", str(proc.pid)], capture_output=True, text=True
        )
        assert workers.stdout.strip(), "the background worker is not running"
    finally:
        os.killpg(proc.pid, 2)
        proc.wait(timeout=15)


def test_an_empty_database_file_is_replaced_by_the_demo(built_demo):
    var_dir, first = built_demo  # built over an empty file
    assert "Membuat basis data demo" in first.stdout
    assert counts(var_dir)["demo_demoseed"] == 1
