"""The cycle collector's pace for a batch run.

CPython collects its youngest generation every 700 net allocations of container
objects. A run over replies allocates millions of them (each token's lists, feature
dicts, records), almost none in reference cycles, and frees them batch by batch:
on 1,000 replies the collector ran about 1,400 times and took 1.6 s of CPU. Once
every 10,000 allocations it runs about 70 times, in 0.5 s, and the peak memory is
the same (461 against 460 MiB); the few cycles (spaCy's docs) are still freed
within a batch or two. Nothing a run computes depends on when cycles are freed.
"""
from __future__ import annotations

import gc

BATCH_THRESHOLD = 10_000  # allocations between collections of the youngest generation (CPython: 700)


def pace_for_batch(threshold: int = BATCH_THRESHOLD) -> tuple[int, int, int]:
    """Collect the youngest generation every `threshold` allocations, the older ones as before;
    returns the thresholds it replaced. Called once by a process that lives for one run: the
    `foi-nlp` command (every command is one batch) and each `--jobs` worker."""
    previous = gc.get_threshold()
    gc.set_threshold(threshold, *previous[1:])
    return previous

