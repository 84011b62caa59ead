"""The published manifest: every public URL the site serves and the customer-visible fingerprint.

Owned by issue 6 (printed codes never break; CI deploys only on change). Placeholder API for build.py.
"""

from __future__ import annotations

from generator.model import Project
from generator.rotation import Plan

MANIFEST_PATH = "qunma-manifest.json"


def manifest_json(project: Project, plan: Plan) -> bytes:
    """The manifest file's bytes: {"fingerprint": ..., "urls": [...]} (deterministic)."""
    raise NotImplementedError
