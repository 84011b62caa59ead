"""`qunma init`: a new site anywhere, from the templates shipped inside the package (templates/).

A working starting point that `qunma check` and `qunma build` accept at once: campaigns.yml (one campaign,
one channel, a rule set, two groups, comments in the site's language), pool-status.yml, mkdocs.yml,
.gitignore, the CI workflow, requirements.txt (what CI installs) and the JSON Schema that campaigns.yml's
first line names. It writes nothing when any of these exists already.

May import: generator.errors, generator.messages, generator.common.
"""
