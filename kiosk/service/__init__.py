"""Keeping the kiosk in service: technician login, peripheral tests, the doctor,
nightly upkeep, exports, provisioning and the systemd watchdog.
"""
