"""Production mode refuses unsafe settings; the database's version is checked before serving."""

import os
import shutil
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


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A database at the current version, migrated once for the module (a migration takes seconds)."""
    path = tmp_path_factory.mktemp("migrated") / "current.sqlite3"
    assert run_jaring("migrate", DATABASE_URL=f"sqlite:///{path}").returncode == 0
    return path


def current_database(migrated, tmp_path, name):
    shutil.copyfile(migrated, tmp_path / name)
    return f"sqlite:///{tmp_path / name}"


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


def test_serve_refuses_a_database_from_an_unknown_version(migrated, tmp_path):
    db = current_database(migrated, tmp_path, "new.sqlite3")
    import sqlite3

    with sqlite3.connect(tmp_path / "new.sqlite3") as conn:
        conn.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('people', '0999_future', '2030-01-01')"
        )
    result = run_jaring("serve", "--dry-run", DATABASE_URL=db)
    assert result.returncode == 1 and "lebih baru" in result.stderr


def test_serve_checks_pass_on_a_current_database(migrated, tmp_path):
    db = current_database(migrated, tmp_path, "ok.sqlite3")
    result = run_jaring("serve", "--dry-run", DATABASE_URL=db, JARING_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "gunicorn" in result.stdout


def test_production_serves_pages_and_hashed_static_files_through_gunicorn(migrated, tmp_path):
    import re
    import socket
    import time
    import urllib.request

    db = current_database(migrated, tmp_path, "prod.sqlite3")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DJANGO_SETTINGS_MODULE"}
    env.update(GOOD, DATABASE_URL=db, ALLOWED_HOSTS="127.0.0.1", JARING_VAR_DIR=str(tmp_path), JARING_WORKERS="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "jaring.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page, deadline = None, time.monotonic() + 30
        while page is None and time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/akun/masuk/", timeout=2).read().decode()
            except OSError:
                time.sleep(0.2)
        assert page is not None and "Masuk ke Jaring" in page
        css = re.search(r'href="(/static/jaring/jaring\.[0-9a-f]{12}\.css)"', page)
        assert css, "production pages link the hashed stylesheet"
        response = urllib.request.urlopen(f"http://127.0.0.1:{port}{css.group(1)}", timeout=5)
        assert response.status == 200 and "max-age=315360000" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=15)
