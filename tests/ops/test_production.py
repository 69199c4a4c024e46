"""Production mode refuses unsafe settings; the database's version is checked before serving."""

import os
import subprocess
import sys

import pytest

from jaring.config.settings import DEMO_SECRET_KEY

GOOD = {
    "JARING_MODE": "production",
    "SECRET_KEY": "k" * 50,
    "DEBUG": "0",
    "ALLOWED_HOSTS": "jaring.trenggalekkab.go.id",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
}


def run_jaring(*args, **env):
    full = {k: v for k, v in os.environ.items() if k not in GOOD}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "jaring.cli", *args], env=full, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"SECRET_KEY": DEMO_SECRET_KEY}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(change, reason):
    result = run_jaring("serve", "--dry-run", **{**GOOD, **change})
    assert result.returncode == 2
    assert "menolak berjalan dalam mode produksi" in result.stderr and reason in result.stderr


def test_serve_refuses_a_database_from_an_older_version(tmp_path):
    db = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    assert run_jaring("migrate", "regions", "0001", DATABASE_URL=db).returncode == 0
    result = run_jaring("serve", "--dry-run", DATABASE_URL=db)
    assert result.returncode == 1
    assert "versi Jaring yang lebih lama" in result.stderr and "jaring migrate" in result.stderr


def test_serve_refuses_a_database_from_an_unknown_version(tmp_path):
    db = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert run_jaring("migrate", DATABASE_URL=db).returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "new.sqlite3") as conn:
        conn.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('people', '0999_future', '2030-01-01')"
        )
    result = run_jaring("serve", "--dry-run", DATABASE_URL=db)
    assert result.returncode == 1 and "lebih baru" in result.stderr


def test_serve_checks_pass_on_a_current_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'ok.sqlite3'}"
    assert run_jaring("migrate", DATABASE_URL=db).returncode == 0
    result = run_jaring("serve", "--dry-run", DATABASE_URL=db, JARING_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "gunicorn" in result.stdout
