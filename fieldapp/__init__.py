"""Checkpoint field capture core: domain models, tamper-evident event store, services, CLI.

This package never imports Qt, HTTP clients, ``ui`` or ``sync``.
"""

__version__ = "0.1.0"
