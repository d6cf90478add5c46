"""The timer every benchmark uses: one warm-up run, then the median of `repeat` timed runs."""

import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], repeat: int = 5) -> float:
    function()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
