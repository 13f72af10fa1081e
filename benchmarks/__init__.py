"""Benchmarks: `python -m benchmarks [topic]` runs each `bench_<topic>.py` module's `main()`."""
