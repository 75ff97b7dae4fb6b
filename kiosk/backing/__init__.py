"""What stands behind a visit: the services the visit flow is given, where the devices'
events go, and what waits until no visit is in progress.

These parts see the visit and the machinery below it (spool, devices, uplink,
the technician's desk) at once, so they sit between the composition root and
the visit; the visit itself knows them only as its `Services` Protocol.
"""
