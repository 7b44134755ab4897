"""``python -m search`` is the same as the ``telusur`` command."""

from search.cli import main

raise SystemExit(main())
