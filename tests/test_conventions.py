"""Meta-tests that guard the project's conventions (DESIGN.md §5)."""

import re
import subprocess
from pathlib import Path

import pytest

import jaring

PACKAGE = Path(jaring.__file__).parent
PEOPLE_MODELS = (
    "Person",
    "PersonGroup",
    "CivilRecord",
    "Candidate",
    "ImportRow",
    "Coverage",
    "VerificationResult",
    "SelectionEntry",
    "DecreeRecipient",
    "Membership",
    "InvoiceLine",
    "ReconciliationItem",
)
#: Modules allowed to touch people tables without a user's scope: models, writes, the scoped selectors
#: themselves, aggregate counts, and the generator's bulk writer.
UNSCOPED_ALLOWED = {"models.py", "services.py", "selectors.py", "writer.py", "scoping.py", "admin.py"}


def test_views_and_apis_reach_people_only_through_scoped_selectors():
    pattern = re.compile(r"\b(" + "|".join(PEOPLE_MODELS) + r")\.objects\b")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        and path.name not in UNSCOPED_ALLOWED
        and not {"services", "selectors"} & set(path.relative_to(PACKAGE).parts[:-1])  # writes, scoped reads
        and pattern.search(path.read_text())
    ]
    assert offenders == [], f"query people through jaring.people.selectors instead: {offenders}"


def test_people_are_not_in_the_django_admin():
    from django.contrib import admin

    registered = {model.__name__ for model in admin.site._registry}
    assert registered.isdisjoint(PEOPLE_MODELS)


def test_indonesian_catalog_is_complete_and_compiled(tmp_path):
    po = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "django.po"
    text = po.read_text()
    entries = re.split(r"\n\n+", text)[1:]
    untranslated = [e for e in entries if re.search(r'msgstr(\[0\])? ""\n?$', e.strip() + "\n") and "#~" not in e]
    assert untranslated == []
    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    mo = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
    assert mo.read_bytes() == (po.with_suffix(".mo")).read_bytes(), "run `make messages` to recompile the catalog"


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        raise AssertionError(f"missing migration: run `jaring makemigrations`\n{out.getvalue()}") from exc
