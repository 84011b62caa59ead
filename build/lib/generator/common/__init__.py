"""Plumbing that knows nothing of campaigns: bounded reads of files someone else may have swapped, cache
files sealed under a key kept outside the cache, OS errors as sentences, work forked beside the main line,
the one bounded HTTP client every edge talks through, and remote text made safe to print.

May import: generator.errors and generator.messages only.
"""
