import sys

from jaring.commands import JaringCommand
from jaring.dbstate import database_state


class Command(JaringCommand):
    help = "Periksa versi basis data: 0 = siap, 3 = perlu `jaring migrate`, 4 = versi tidak dikenal/rusak."
    requires_system_checks = []

    def handle(self, *args, **options):
        state = database_state()
        self.stdout.write(state.message())
        if state.error or state.unknown:
            sys.exit(4)
        if state.unapplied:
            sys.exit(3)
