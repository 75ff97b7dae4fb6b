"""The technician's commands that need no screen.
"""
