"""The ``jaring`` command: Django's management commands plus the project's own.

``jaring migrate``, ``jaring createsuperuser``, ``jaring load-regions --prefix 35.03``, ``jaring demo``…
Dashes and underscores are interchangeable in command names.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "jaring"
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # Settings refuse unsafe production configurations; say why without a traceback.
        print(f"Kesalahan konfigurasi: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
