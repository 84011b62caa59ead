"""(model, plan) → site files: landing, rule and staff pages from our own Jinja2 templates (templates/),
the published manifest, and printable posters (layout, typesetting, drawing).

May import: generator.errors, generator.messages, generator.model, generator.plan, generator.qr and
generator.common.
"""
