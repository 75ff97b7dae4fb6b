"""The devices fitted to this kiosk, opened as its settings describe them.

The visit, the technician's screen and the heartbeat all ask how the devices
are; they share one set, opened in one place, so a kiosk without a scanner or
a badge reader is the same absence to all of them.
"""
