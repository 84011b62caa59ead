"""qunma (群码): campaigns.yml → static group-entry pages."""

__version__ = "0.1.0"
