"""What is live and getting there: the manifest a deployed site publishes, read back (published), and the
CI glue that deploys only when what customers see changed (ci).

May import: generator.errors, generator.messages, generator.model, generator.common, generator.input,
generator.plan and generator.render.
"""
