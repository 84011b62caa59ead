"""(model, plan) → site files: landing, rule, home, 404 and staff pages from our own Jinja2 templates
(templates/) with small copies of the brand logo and group avatars, the published manifest, and printable
posters (layout, typesetting, drawing).

May import: generator.errors, generator.messages, generator.model, generator.plan, generator.qr and
generator.common.
"""
