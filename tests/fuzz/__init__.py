"""Fuzzing harnesses for the readers of outside files: `make fuzz` runs them.

Each target takes bytes, calls one public reader and accepts only its documented
outcomes: a result, or the reader's own error (`MspdiError`, `RegisterError`)
whose findings are located. Anything else (any other exception) is a finding of
the fuzz run. Inputs are structured mutations of a seed corpus (the example
files), chosen by hypothesis so that a failure is shrunk to a small reproducer:

* `mspdi`: the MSPDI fixtures with element texts replaced by hostile values
  (`eight`, `8`, `9999-12-31`, `sNaN`, huge numbers...), elements duplicated or
  dropped, and bytes flipped; fed to `progman.io.mspdi.loads` and, when that
  reads, to `schedule_agreement`.
* `registers`: risk registers exported from the examples, as CSV and XLSX, with
  cells replaced, quotes unbalanced, fields made long, zips truncated; fed to
  `progman.io.registers.load_risks`.

Run `make fuzz` (a few minutes) or `python -m tests.fuzz TARGET --examples N`.
`tests/hostile/test_fuzz_smoke.py` runs a few dozen cases of each in `make test`.
"""
