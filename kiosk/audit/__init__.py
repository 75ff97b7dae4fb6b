"""The audit log and the masking that keeps citizens' data out of every log.
"""
