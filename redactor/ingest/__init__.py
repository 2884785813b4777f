"""Ingest: find input files, hash them, sniff their type, refuse what cannot be read."""
