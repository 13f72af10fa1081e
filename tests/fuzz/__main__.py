"""`python -m tests.fuzz [TARGET ...] [--examples N]`: run fuzz targets, print findings."""

from __future__ import annotations

import argparse
import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings


def main(argv: list[str]) -> int:
    from .targets import TARGETS

    parser = argparse.ArgumentParser(prog="python -m tests.fuzz")
    parser.add_argument("targets", nargs="*", default=sorted(TARGETS), choices=sorted(TARGETS))
    parser.add_argument("--examples", type=int, default=2000, help="cases per target")
    args = parser.parse_args(argv)
    failed = 0
    for name in args.targets:
        strategy, run = TARGETS[name]
        test = settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(given(strategy())(run))
        began = time.perf_counter()
        try:
            test()
        except Exception as error:  # the shrunk failures, printed for regression tests
            failed += 1
            print(f"{name}: FAILED after shrinking:")
            print("".join(traceback.format_exception(error)))
        else:
            print(f"{name}: {args.examples} cases, no findings")
        print(f"{name}: {time.perf_counter() - began:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
