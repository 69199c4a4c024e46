"""What state the database is in, in words a person can act on.

Used before serving and by the demo: a database from an older version is migrated (or, in production,
refused until ``jaring migrate``); one from a newer or unknown version is refused.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class DatabaseState:
    unapplied: list[str]
    unknown: list[str]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.unapplied or self.unknown or self.error)

    def message(self) -> str:
        if self.error:
            return self.error
        if self.unknown:
            return (
                "Basis data ini berasal dari versi Jaring yang lebih baru atau dari aplikasi lain "
                f"(migrasi tidak dikenal: {', '.join(self.unknown[:5])}). Pakai versi Jaring yang sesuai "
                "atau pulihkan cadangan; Jaring tidak akan mengubahnya."
            )
        if self.unapplied:
            return (
                f"Basis data berasal dari versi Jaring yang lebih lama: {len(self.unapplied)} migrasi belum "
                "dijalankan. Jalankan `jaring migrate` (buat cadangan dulu)."
            )
        return "Basis data siap."


def database_state(alias: str = DEFAULT_DB_ALIAS) -> DatabaseState:
    connection = connections[alias]
    try:
        executor = MigrationExecutor(connection)
        graph = executor.loader.graph
        plan = executor.migration_plan(graph.leaf_nodes())
        applied = set(executor.loader.applied_migrations)
    except DatabaseError as exc:
        return DatabaseState(
            [], [], error=f"Basis data tidak bisa dibaca ({exc}). Periksa DATABASE_URL atau berkasnya."
        )
    known = set(graph.nodes)
    ours = {app for app, _ in known}
    unknown = sorted(f"{app}.{name}" for app, name in applied - known if app in ours)
    return DatabaseState([f"{m.app_label}.{m.name}" for m, _ in plan], unknown)
