"""Benchmarks: `make bench` (or `python -m benchmarks [topic]`) runs them and prints figures."""
