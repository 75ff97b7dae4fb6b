"""The receipt printer as the settings describe it, and everything it prints.
"""
