"""Line layout: how a file indents, and keeping its own lines where an edit did not reach.

ruamel.yaml re-emits a whole document when it saves one, reformatting parts
nobody touched. `keep_layout` compares ruamel's output before and after the
edit with the original text and keeps the original's lines wherever the edit
did not reach; `line_diff` is the near-linear line diff it uses.
"""

from __future__ import annotations

import itertools

__all__ = ["guess_indent", "keep_layout", "line_diff"]


def keep_layout(original: str, untouched: str, changed: str) -> str:
    """Apply ruamel's edit (`untouched` -> `changed`) to the original text, line by line.

    ruamel re-emits a whole document, reformatting some untouched parts (a flow
    mapping wrapped over two lines comes out on one). Where the edit does not
    reach such a part, the original lines are kept.

    >>> keep_layout("a: {x: 1,\\n    y: 2}\\nb: 1\\n", "a: {x: 1, y: 2}\\nb: 1\\n",
    ...             "a: {x: 1, y: 2}\\nb: 2\\n")
    'a: {x: 1,\\n    y: 2}\\nb: 2\\n'
    """
    old = original.splitlines(keepends=True)
    before = untouched.splitlines(keepends=True)
    after = changed.splitlines(keepends=True)
    # What each line of `before` becomes in `after`, and what is inserted before it.
    becomes: list[list[str]] = [[line] for line in before]
    inserted: list[list[str]] = [[] for _ in range(len(before) + 1)]
    touched = [False] * len(before)
    for tag, i1, i2, j1, j2 in line_diff(before, after):
        if tag == "insert":
            inserted[i1].extend(after[j1:j2])
        elif tag != "equal":
            for i in range(i1, i2):
                becomes[i] = []
                touched[i] = True
            becomes[i1] = after[j1:j2]
    out: list[str] = []
    for _, i1, i2, k1, k2 in line_diff(before, old):
        if i1 == i2:  # lines only the original has
            out.extend(old[k1:k2])
            continue
        groups = _groups(before[i1:i2], old, k1, k2)
        if groups is None:  # cannot tell which original lines make which: all or nothing
            if any(touched[i1:i2]) or any(inserted[i] for i in range(i1 + 1, i2)):
                for i in range(i1, i2):
                    out.extend(inserted[i] + becomes[i])
            else:
                out.extend(inserted[i1] + old[k1:k2])
            continue
        for i, (start, end) in zip(range(i1, i2), groups, strict=True):
            out.extend(inserted[i])
            out.extend(becomes[i] if touched[i] else old[start:end])
    out.extend(inserted[len(before)])
    return "".join(out)


def line_diff(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes turning lines `a` into lines `b`, as `difflib.SequenceMatcher.get_opcodes`.

    A patience diff: lines that occur once in each (an id, a name) anchor the
    match, and difflib only aligns the short stretches between anchors. Near
    linear where difflib alone is quadratic on 100,000-line files.

    >>> line_diff(["a", "b", "c"], ["a", "x", "c"])
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
    """
    from difflib import SequenceMatcher

    blocks: list[tuple[int, int, int]] = []
    previous_i = previous_j = 0
    for anchor_i, anchor_j in [*_unique_anchors(a, b), (len(a), len(b))]:
        gap = SequenceMatcher(None, a[previous_i:anchor_i], b[previous_j:anchor_j], autojunk=False)
        blocks += [
            (previous_i + x, previous_j + y, n) for x, y, n in gap.get_matching_blocks() if n
        ]
        if anchor_i < len(a):
            blocks.append((anchor_i, anchor_j, 1))
        previous_i, previous_j = anchor_i + 1, anchor_j + 1
    opcodes = []
    i = j = 0
    for block_i, block_j, size in [*blocks, (len(a), len(b), 0)]:
        if i < block_i or j < block_j:
            tag = (
                "replace" if i < block_i and j < block_j else "delete" if i < block_i else "insert"
            )
            opcodes.append((tag, i, block_i, j, block_j))
        if size:
            if opcodes and opcodes[-1][0] == "equal" and opcodes[-1][2] == block_i:
                opcodes[-1] = (
                    "equal",
                    opcodes[-1][1],
                    block_i + size,
                    opcodes[-1][3],
                    block_j + size,
                )
            else:
                opcodes.append(("equal", block_i, block_i + size, block_j, block_j + size))
        i, j = block_i + size, block_j + size
    return opcodes


def _unique_anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Pairs of positions of lines found exactly once in each list, in an order both keep."""
    from bisect import bisect_left
    from collections import Counter

    count_a, count_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    pairs = [
        (i, where_b[line]) for i, line in enumerate(a) if count_a[line] == 1 and line in where_b
    ]
    # Longest run of pairs increasing in both positions (patience sorting).
    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        place = bisect_left(tails, j)
        if place == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[place] = j
            tail_index[place] = index
        back[index] = tail_index[place - 1] if place else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def _groups(lines: list[str], old: list[str], k1: int, k2: int) -> list[tuple[int, int]] | None:
    """Which run of original lines (start, end) each re-emitted line came from.

    Runs are found by comparing text with all whitespace taken out, so a flow mapping
    wrapped over two lines matches its one-line form. None when they do not line up.
    """
    runs = []
    k = k1
    for line in lines:
        want = "".join(line.split())
        start, got = k, ""
        while k < k2 and len(got) < len(want):
            got += "".join(old[k].split())
            k += 1
        if got != want:
            return None
        runs.append((start, k))
    return runs if k == k2 else None


_GUESS_FROM = 65_536
"""Characters at the start of a file read to guess how it indents (a 5 MB file need not
be split into lines whole to find its first nested mapping)."""


def guess_indent(text: str) -> tuple[int, int]:
    """How a file indents: (nested mapping indent, offset of `-` under its key), as its
    first lines show.

    >>> guess_indent("a:\\n  b: 1\\nc:\\n  - 1\\n")
    (2, 2)
    >>> guess_indent("a:\\n    b: 1\\nc:\\n- 1\\n")
    (4, 0)
    """
    mapping: int | None = None
    offset: int | None = None
    for above, line in itertools.pairwise(text[:_GUESS_FROM].splitlines()):
        if not above.rstrip().endswith(":") or above.lstrip().startswith("#"):
            continue
        base = len(above) - len(above.lstrip())
        body = line.lstrip()
        indent = len(line) - len(body)
        if body.startswith("- ") or body == "-":
            offset = indent - base if offset is None else offset
        elif body and not body.startswith("#") and indent > base:
            mapping = indent - base if mapping is None else mapping
        if mapping is not None and offset is not None:
            break
    return mapping or 2, offset or 0
