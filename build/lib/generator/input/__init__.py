"""campaigns.yml and pool-status.yml → a checked model, or every problem with FILE:LINE:COL and its fix.

The path: file → text (yamlsrc) → node tree (yamlcompose: depth- and alias-limited) → records, read by the
format declared once (shapes, containers, scalars, timeshapes, urls, bounds, fileformat; images and join
links in imagepaths and joinlinks) → the model (assemble, assemble_groups) → pool status (poolstatus).
load.py runs it; modelcache keeps a checked project between commands (modelcodec: JSON, never pickle);
schema.py makes the JSON Schema from the same declaration.

May import: generator.errors, generator.messages, generator.model, generator.common and generator.qr (an
image's link is read by the QR decoder; a link's length is checked against the encoder's capacity).
"""
