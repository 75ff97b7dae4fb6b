"""Everything that talks to the central: the client, credentials, delivery of the
spool, the heartbeat and the questions a visit asks while the citizen waits.
"""
