"""One citizen's visit: the state machine, what the visit holds, its forms, and
the answers and paper it ends with.
"""
