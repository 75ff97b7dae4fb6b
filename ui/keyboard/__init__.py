"""The on-screen keyboards: Qt Virtual Keyboard for words, a kiosk pad for ID numbers.

A kiosk has no physical keyboard, and the one on screen is part of the
kiosk's own window (no separate panel a citizen could drag away or use to
reach the desktop).
"""
