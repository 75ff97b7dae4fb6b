"""Checks of the identifiers citizens type or cards carry, for forms and tools alike.

Each check returns a Check whose stable reason code lets a form name the fix
("the check character does not match") instead of saying "invalid". Pure
functions: no devices, no Qt, no I/O. Import them from `kiosk.identifiers.formats`.
"""
