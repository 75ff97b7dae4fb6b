"""The demo rig: the reference central and the device emulators, wired to a kiosk.

Shipped code never imports it; only the `demo` command and the tests do.
"""
