"""Base for the project's management commands: errors read as Bahasa Indonesia, without a traceback."""

import sys

from django.core.management.base import BaseCommand, CommandError


class JaringCommand(BaseCommand):
    _from_command_line = False

    def run_from_argv(self, argv):
        self._from_command_line = True
        super().run_from_argv(argv)

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            # call_command() callers (tests, other commands) get the exception; a person at a terminal a sentence.
            if not self._from_command_line or options.get("traceback"):
                raise
            self.stderr.write(f"Gagal: {exc}")
            sys.exit(exc.returncode)
