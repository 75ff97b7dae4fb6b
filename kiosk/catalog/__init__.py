"""The service items on offer: the catalog as checked, where it is kept, and when
each item is open.
"""
