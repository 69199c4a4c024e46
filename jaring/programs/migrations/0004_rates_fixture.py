"""Contribution rates and discounts from ``jaring/programs/fixtures/rates.json``, so every new database has them.

Loaded through the historical models (``apps.get_model``), not ``loaddata``, which would use the current
ones. Rows keep the fixture's primary keys (so ``jaring loaddata rates`` later restores the shipped rows instead
of adding copies), and the id sequences are reset afterwards, as ``loaddata`` does, so the rows an admin adds
get new ids on PostgreSQL too. A field the fixture names but these models do not have yet is skipped. Rates
added to the fixture later reach existing databases only through a new migration (or ``loaddata``).
"""

import json
from pathlib import Path

from django.core.management.color import no_style
from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "rates.json"
#: What tells a shipped row apart, to skip it when present and to delete it when migrating back.
KEYS = {
    "contributionrate": ("segment", "component", "risk_class", "valid_from", "regulation"),
    "contributiondiscount": ("name", "segment", "sector", "valid_from", "regulation"),
}


def _rows(apps):
    for entry in json.loads(FIXTURE.read_text(encoding="utf-8")):
        app_label, model_name = entry["model"].split(".")
        model = apps.get_model(app_label, model_name)
        known = {f.name: f for f in model._meta.concrete_fields}
        fields = {name: known[name].to_python(value) for name, value in entry["fields"].items() if name in known}
        yield model, entry.get("pk"), fields, {key: fields[key] for key in KEYS[model_name]}


def load(apps, schema_editor):
    connection = schema_editor.connection
    models = set()
    for model, pk, fields, key in _rows(apps):
        rows = model.objects.using(connection.alias)
        models.add(model)
        if rows.filter(**key).exists():
            continue
        rows.create(**fields, **({"pk": pk} if pk is not None and not rows.filter(pk=pk).exists() else {}))
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), sorted(models, key=lambda m: m.__name__)):
            cursor.execute(sql)


def unload(apps, schema_editor):
    for model, _pk, _fields, key in _rows(apps):
        model.objects.using(schema_editor.connection.alias).filter(**key).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_selection_rates_sources")]
    operations = [migrations.RunPython(load, unload, elidable=False)]
