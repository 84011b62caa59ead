"""The built site on disk: the site folder that must never hold input (sitefolder: guard, lock, atomic
swap, recovery after a killed build), the next site made from the one before it, writing only what changed
(nextsite), and the preview's address (preview).

May import: generator.errors, generator.messages, generator.model, generator.common, generator.input and
generator.render (the manifest's name).
"""
