"""What is live and getting there: the manifest a deployed site publishes, read back (published), the CI
glue that deploys only when what customers see changed (ci), and `qunma deploy` to S3-compatible object
storage + CDN: the target from the environment (target), the site folder's hashes and headers (sitefiles),
the live state kept in the bucket (state), the ordered plan (changes), the bucket through boto3 (storage,
the only module that imports it), the run (run), the CDN purge hook (purge), what is printed and the
result file (report), and the command itself (command).

May import: generator.errors, generator.messages, generator.model, generator.common, generator.input,
generator.plan and generator.render.
"""
