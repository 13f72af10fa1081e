"""Run every benchmark module (`bench_*.py`), or only those whose topic is given.

python -m benchmarks            # all
python -m benchmarks schedule   # benchmarks/bench_schedule.py only
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys


def main(argv: list[str]) -> int:
    """Import each benchmark module and call its `main()`."""
    wanted = set(argv)
    package = os.path.dirname(__file__)
    topics = sorted(
        name.removeprefix("bench_")
        for _, name, _ in pkgutil.iter_modules([package])
        if name.startswith("bench_")
    )
    unknown = wanted - set(topics)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(topics)}")
        return 2
    print(f"progman benchmarks on {os.cpu_count()} cores")
    for topic in topics:
        if wanted and topic not in wanted:
            continue
        print(f"\n== {topic} ==")
        importlib.import_module(f"benchmarks.bench_{topic}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
