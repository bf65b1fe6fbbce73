"""Small memory pages while the generator runs.

Generating an authority makes and drops hundreds of short-lived arrays of several megabytes. On
Linux with transparent huge pages set to ``always``, every fresh array is faulted in as 2 MB
pages that the kernel must zero first: profiling the 1M-child authority showed half its CPU time
in the kernel's ``clear_page``. Opting this process out of huge pages for the duration (and
restoring the previous setting after) removes that cost; elsewhere it does nothing.

Example:
    >>> with small_pages():
    ...     pass
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_THP_DISABLE = 41
_PR_GET_THP_DISABLE = 42


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


@contextmanager
def small_pages() -> Iterator[None]:
    """Turn transparent huge pages off for this process inside the block (Linux only)."""
    prctl = _prctl()
    before = prctl(_PR_GET_THP_DISABLE, 0, 0, 0, 0) if prctl else -1
    changed = before == 0 and prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    try:
        yield
    finally:
        if changed:
            prctl(_PR_SET_THP_DISABLE, 0, 0, 0, 0)
