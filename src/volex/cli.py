"""The `volex` command: a thin front over Django's management commands.

`volex demo`, `volex serve`, `volex seed`, and every other management command (`volex migrate`,
`volex createsuperuser`, ...) run with the embedded-mode settings unless DJANGO_SETTINGS_MODULE says
otherwise.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["volex", *(args or ["help"])])


if __name__ == "__main__":
    main()
