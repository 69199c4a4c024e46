"""Seed every stage an older demo database lacks, in one process (run by `jaring demo` after migrating).

One process instead of one per stage: each start of Django costs a second or more, and an old demo lacks many.
"""

from django.core.management import call_command
from django.db import connection

from jaring.commands import JaringCommand
from jaring.demo.stages import LATER_STAGES


class Command(JaringCommand):
    help = "Tambahkan ke basis data demo yang lebih lama setiap tahap yang belum ada, berurutan."

    def handle(self, *args, **options):
        for table, command, label in LATER_STAGES:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})")
                if cursor.fetchone()[0]:
                    continue
            self.stdout.write(f"Menambahkan {label} ke basis data demo yang ada…")
            self.stdout.flush()
            call_command(command.replace("-", "_"), stdout=self.stdout, stderr=self.stderr)
