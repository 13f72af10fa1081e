"""Benchmarks: `python -m benchmarks [TOPIC]` runs them and prints seconds and peak memory."""
