"""chunked_map: the same results, in order, whether the chunks run here or in forked workers."""

import os

import pytest

from jaring.core.parallel import chunked_map


def square_with_pid(offset, chunk):
    return [(offset + n * n, os.getpid()) for n in chunk]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_order_with_the_shared_value(workers):
    parts = list(chunked_map(square_with_pid, 1, range(100), chunk=7, workers=workers, parallel_from=10))
    values = [value for part in parts for value, _pid in part]
    assert values == [1 + n * n for n in range(100)]
    pids = {pid for part in parts for _value, pid in part}
    assert (os.getpid() in pids) == (workers == 1)  # with two workers, nothing ran in this process


def test_small_inputs_run_in_the_calling_process():
    parts = list(chunked_map(square_with_pid, 0, range(5), chunk=2, workers=4, parallel_from=10))
    assert {pid for part in parts for _value, pid in part} == {os.getpid()}


def test_stopping_early_leaves_no_worker_behind():
    parts = chunked_map(square_with_pid, 0, range(10_000), chunk=10, workers=2, parallel_from=1)
    first = next(parts)
    parts.close()
    assert [value for value, _pid in first] == [n * n for n in range(10)]
    import multiprocessing

    assert multiprocessing.active_children() == []
