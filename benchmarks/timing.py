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


def interleaved_times(first: Callable[[], object], second: Callable[[], object],
                      repeat: int = 5) -> tuple[list[float], list[float]]:
    """Seconds of each run of two functions, timed in turn (first, second, second, first, ...) after a
    warm-up of each (first, then second), so that load from other processes falls on both alike."""
    first()
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(repeat):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for which in order:
            start = time.perf_counter()
            (first, second)[which]()
            times[which].append(time.perf_counter() - start)
    return times


def interleaved_medians(first: Callable[[], object], second: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Median seconds of each of two functions, timed in turn by `interleaved_times`."""
    first_times, second_times = interleaved_times(first, second, repeat)
    return statistics.median(first_times), statistics.median(second_times)
