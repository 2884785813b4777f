"""Benchmarks: speed and memory measured against a baseline in the same run (ratios), never asserted in tests."""
