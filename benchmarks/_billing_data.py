"""The world of benchmarks/bench_billing.py, written by bulk SQL: Trenggalek's regions, a program with an APBD
source and several APBDes sources, one final decree, and ``n`` people each with an active membership spread
over the regency's real villages.

People and memberships are generated inside the database (a recursive CTE on SQLite, ``generate_series`` on
PostgreSQL) by one ``INSERT … SELECT`` each, so a million of each takes seconds and no ORM object is made. The
column lists are checked against the models, so a new column makes this fail loudly rather than silently.
"""

import datetime as dt

REGENCY = "35.03"
PROGRAM = "bench-billing-2026"
START = dt.date(2026, 1, 1)
#: Villages whose APBDes pays for their residents with an even id; the APBD pays for everyone else.
APBDES_VILLAGES = 6
NOW = "2026-01-05 08:00:00+00:00"


def build(n: int) -> dict:
    """Everything the billing run reads, for ``n`` memberships; returns what was made."""
    from django.db import connection, transaction

    from jaring.regions.services import regions_load

    regions_load(prefix=REGENCY)
    with transaction.atomic():
        program, decree, villages = _program()
        _village_table(villages)
        _people(n)
        _memberships(program, decree)
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_village")
    _analyze()
    return {"program": program.code, "villages": len(villages), "sources": program.sources.count()}


def _program():
    from django.utils import timezone

    from jaring.decrees.lifecycle import DecreeStatus
    from jaring.decrees.models import Decree
    from jaring.programs.lifecycle import SelectionStatus
    from jaring.programs.models import Program, Selection
    from jaring.regions.models import Region

    villages = list(
        Region.objects.filter(code__startswith=REGENCY + ".", level=4).order_by("code").values_list("code", flat=True)
    )
    program = Program.objects.create(
        code=PROGRAM, name="Bantuan iuran pekerja rentan (benchmark)", year=START.year, regency_id=REGENCY,
        category="pekerja_rentan",
    )  # fmt: skip
    program.sources.create(kind="apbd_kabupaten", name="APBD Kabupaten Trenggalek", amount=10**13)
    for code in villages[:: len(villages) // APBDES_VILLAGES][:APBDES_VILLAGES]:
        program.sources.create(kind="apbdes", name=f"APBDes {code}", amount=10**11, village_id=code)
    selection = Selection.objects.create(program=program, status=SelectionStatus.APPROVED, computed_at=timezone.now())
    decree = Decree.objects.create(
        program=program, selection=selection, regency_code=REGENCY, title="Penerima bantuan iuran (benchmark)",
        status=DecreeStatus.FINAL, number="400.3/1/406.012/2026", signed_on=dt.date(2025, 12, 20),
        finalized_at=timezone.now(),
    )  # fmt: skip
    return program, decree, villages


def _village_table(villages: list[str]) -> None:
    """``bench_village(k, code, source_id)``: village ``k`` of the regency and the APBDes source it has, if any."""
    from django.db import connection

    from jaring.programs.models import FundingSource

    sources = dict(FundingSource.objects.filter(program__code=PROGRAM, kind="apbdes").values_list("village_id", "id"))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_village (k integer PRIMARY KEY, code varchar(13), source_id bigint)")
        cursor.executemany(
            "INSERT INTO bench_village VALUES (%s, %s, %s)",
            [(k, code, sources.get(code)) for k, code in enumerate(villages)],
        )


def _numbers(n: int) -> str:
    """A row source ``numbers(i)`` of 1..n, as this database writes it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"SELECT i FROM generate_series(1, {int(n)}) AS g(i)"
    return f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {int(n)}) SELECT i FROM s"


def _people(n: int) -> None:
    """``n`` people, person ``i`` in village ``i mod villages`` (so the run's ORDER BY village has to sort)."""
    from django.db import connection

    from jaring.people.models import Person

    pad = "lpad(i::text, 12, '0')" if connection.vendor == "postgresql" else "printf('%012d', i)"
    columns = {
        "nik": f"'3503' || {pad}", "kk_number": "''", "full_name": f"'PESERTA ' || {pad}", "birth_place": "''",
        "birth_date": "NULL", "sex": "CASE WHEN i % 2 = 0 THEN 'P' ELSE 'L' END", "street": "''", "rt": "''",
        "rw": "''", "phone": "''", "occupation": "'petani'", "welfare_decile": "NULL", "welfare_source": "''",
        "welfare_date": "NULL", "created_at": _now(), "updated_at": _now(), "village_id": "v.code",
        "district_code": "substr(v.code, 1, 8)", "regency_code": "substr(v.code, 1, 5)",
        "province_code": "substr(v.code, 1, 2)",
    }  # fmt: skip
    villages = "(SELECT count(*) FROM bench_village)"
    _insert(Person, columns, f"FROM ({_numbers(n)}) AS numbers JOIN bench_village v ON v.k = i % {villages}")


def _memberships(program, decree) -> None:
    from django.db import connection

    from jaring.enrollment.models import Membership
    from jaring.people.models import Person

    apbd = program.sources.get(kind="apbd_kabupaten").pk
    pad = "lpad(p.id::text, 9, '0')" if connection.vendor == "postgresql" else "printf('%09d', p.id)"
    columns = {
        "person_id": "p.id", "program_id": str(program.pk),
        "source_id": f"CASE WHEN v.source_id IS NOT NULL AND p.id % 2 = 0 THEN v.source_id ELSE {apbd} END",
        "decree_id": str(decree.pk), "kpj": f"'17' || {pad}", "participation_type": "'SG'", "status": "'active'",
        "start": f"'{START}'", "end": "NULL", "status_reason": "''", "created_at": _now(), "updated_at": _now(),
        "village_id": "p.village_id", "district_code": "p.district_code", "regency_code": "p.regency_code",
        "province_code": "p.province_code",
    }  # fmt: skip
    person = Person._meta.db_table
    _insert(Membership, columns, f"FROM {person} p JOIN bench_village v ON v.code = p.village_id")


def _now() -> str:
    from django.db import connection

    return f"CAST('{NOW}' AS timestamptz)" if connection.vendor == "postgresql" else f"'{NOW}'"


def _insert(model, columns: dict[str, str], source: str) -> None:
    from django.db import connection

    expected = {f.column for f in model._meta.concrete_fields if not f.primary_key}
    if set(columns) != expected:
        missing, gone = expected - set(columns), set(columns) - expected
        raise SystemExit(f"{model.__name__}'s columns changed: add {missing}, drop {gone} in _billing_data.py")
    q = connection.ops.quote_name
    names, values = ", ".join(q(c) for c in columns), ", ".join(f"{e} AS {q(c)}" for c, e in columns.items())
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(model._meta.db_table)} ({names}) SELECT {values} {source}")


def _analyze() -> None:
    """Planner statistics, as a database that grew to this size over months would have them."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            connection.connection.autocommit = True
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
