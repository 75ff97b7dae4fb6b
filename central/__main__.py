"""Entry point for `python -m central`, the way the kiosk side starts this server."""

from central.cli import main

raise SystemExit(main())
