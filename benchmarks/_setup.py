"""Shared start-up for benchmark scripts: a chosen database, Django set up, migrations applied."""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def django_with_database(database_url: str | None) -> str:
    """Point Django at ``database_url`` (a fresh temporary SQLite file when None) and migrate it."""
    if database_url is None:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='jaring-bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return database_url


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"


@contextlib.contextmanager
def profiled(step: str, *, prefix: str = ""):
    """With --profile DIR (the script sets ``JARING_BENCH_PROFILE``), the step runs under pyinstrument (``pip
    install pyinstrument``) and its call tree goes to DIR; the figures printed are then the profiled ones,
    slower than without."""
    folder = os.environ.get("JARING_BENCH_PROFILE")
    if not folder:
        yield
        return
    from django.db import connection
    from pyinstrument import Profiler

    with Profiler(interval=0.005) as profiler:
        yield
    name = f"{prefix}{connection.vendor}-{step}-{time.strftime('%H%M%S')}.txt"
    Path(folder, name).write_text(profiler.output_text(unicode=True, show_all=False))


def spawn(script: str, *args: str) -> dict:
    """Runs ``script`` as a child (each measured step in a fresh process); returns the JSON of its last output
    line with the child's peak RSS added as ``peak_rss_mb``."""
    proc = subprocess.Popen([sys.executable, script, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"step {args[1]} failed with status {os.waitstatus_to_exitcode(status)}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


class PostgresServer:
    """A PostgreSQL server reached through ``url``: the URL of any database on it, and statements run on its
    ``postgres`` database (CREATE and DROP DATABASE cannot run inside the database they name)."""

    def __init__(self, url: str):
        self.parts = urlsplit(url)

    def url(self, database: str) -> str:
        return urlunsplit(self.parts._replace(path=f"/{database}"))

    def sql(self, *statements: str) -> list[list | None]:
        """Runs each statement in autocommit; returns each one's rows (None for a statement without any)."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            cursors = [conn.execute(statement) for statement in statements]
            return [cursor.fetchall() if cursor.description else None for cursor in cursors]
