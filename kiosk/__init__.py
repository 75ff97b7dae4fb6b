"""The kiosk's core: everything a visit needs, with no Qt, testable headless."""

__version__ = "0.1.0"
