"""Shared start-up for benchmark scripts: a chosen database, Django set up, migrations applied."""

import os
import sys
import tempfile
from pathlib import Path

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
