"""Synchronisation with headquarters: protocol schemas, client and the HQ server."""
