"""Rotation, pure: (model, now) → which group each page shows, its timeline, pool health and the status
table. No I/O and no clock: `now` is an argument.

May import: generator.errors, generator.messages and generator.model only.
"""
