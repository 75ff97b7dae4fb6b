"""Settings: the files as read, the checked model, and what changed between starts.

Kept light: the first frame reads `files` before pydantic has loaded.
"""
