"""(model, plan) → site files: landing, rule, home, 404 and staff pages and the dashboard (with its SVG
charts) from our own Jinja2 templates (templates/) with small copies of the brand logo and group avatars, the
published manifest, and printable posters (layout, typesetting, drawing: PNG for screens, print PDF).

May import: generator.errors, generator.messages, generator.model, generator.plan, generator.qr and
generator.common.
"""
