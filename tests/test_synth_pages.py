"""The generator opts out of transparent huge pages only while it runs (see synth/pages.py)."""

import resource
import sys

import numpy as np
import pytest

from childinfo.synth import pages


def _thp_disabled() -> int:
    return pages._prctl()(pages._PR_GET_THP_DISABLE, 0, 0, 0, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux process setting")
def test_small_pages_turns_huge_pages_off_inside_the_block_and_restores_them_after():
    assert _thp_disabled() == 0
    with pages.small_pages():
        assert _thp_disabled() == 1
        with pages.small_pages():  # nested: the inner block leaves the outer one's setting
            pass
        assert _thp_disabled() == 1
    assert _thp_disabled() == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux process setting")
def test_small_pages_restores_the_setting_when_the_block_fails():
    with pytest.raises(ZeroDivisionError), pages.small_pages():
        1 / 0
    assert _thp_disabled() == 0


def _faults_to_fill(n_bytes: int) -> int:
    """Minor page faults taken to fill a fresh array of ``n_bytes`` (after one was freed)."""
    np.ones(n_bytes // 8)  # made and freed
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    np.ones(n_bytes // 8)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(pages._glibc_malloc() is None, reason="a glibc malloc setting")
def test_small_pages_reuses_freed_memory_inside_the_block_only():
    size = 64 * 2**20  # larger than any size glibc serves from its heap by default
    with pages.small_pages():
        inside = _faults_to_fill(size)
    prctl = pages._prctl()
    prctl(pages._PR_SET_THP_DISABLE, 1, 0, 0, 0)  # count 4 KB pages after the block too
    try:
        after = _faults_to_fill(size)
    finally:
        prctl(pages._PR_SET_THP_DISABLE, 0, 0, 0, 0)
    assert inside < size // 4096 // 10 < after
