"""The manifest the site publishes at /qunma-manifest.json: every public page URL, plus the fingerprint of
what customers see. CI reads the live one back (generator.deploy.published) to deploy only when the
fingerprint changed and to refuse dropping a published campaign or channel.
"""

from __future__ import annotations

import json

from generator.model import Project
from generator.plan.rotation import Plan

MANIFEST_PATH = "qunma-manifest.json"
VERSION = 1


def published_pages(project: Project) -> dict[str, list[str]]:
    """Campaign id → its channel ids, for every campaign (archived ones too: their URLs keep answering)."""
    return {c.id: [ch.id for ch in c.channels] for c in project.campaigns}


def manifest_json(project: Project, plan: Plan) -> bytes:
    """The manifest file's bytes: {"version", "fingerprint", "urls", "campaigns"} (deterministic)."""
    pages = published_pages(project)
    urls = sorted([f"{c}/" for c in pages] + [f"{c}/{ch}/" for c, chs in pages.items() for ch in chs])
    document = {"version": VERSION, "fingerprint": plan.fingerprint(), "urls": urls, "campaigns": pages}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
