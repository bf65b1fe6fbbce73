"""Small memory pages while the generator runs.

Generating an authority makes and drops hundreds of short-lived arrays of several megabytes. On
Linux with transparent huge pages set to ``always``, every fresh array is faulted in as 2 MB
pages that the kernel must zero first: profiling the 1M-child authority showed half its CPU time
in the kernel's ``clear_page``. Opting this process out of huge pages for the duration (and
restoring the previous setting after) removes that cost; elsewhere it does nothing.

The same arrays cost page faults a second way: glibc's malloc hands each array of more than a few
megabytes its own mapping and returns it to the kernel when freed (or trims the heap after it), so
the next array of that size is faulted in and zeroed again. Inside the block malloc keeps freed
memory for reuse instead (about a tenth of the 1M-child authority's CPU time, half a gigabyte
more at its peak); on leaving, it hands the memory back and returns to glibc's defaults.

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
# glibc's mallopt parameters and their defaults (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
_DEFAULT_TRIM_THRESHOLD, _DEFAULT_MMAP_MAX = 128 * 1024, 65536
_KEEP_ALL = 2**31 - 1  # a trim threshold (bytes, a C int) the generator never reaches
_depth = 0  # nested blocks: only the outermost one changes malloc's settings


def _libc(name: str):
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


def _prctl():
    return _libc("prctl")


def _glibc_malloc():
    """(mallopt, malloc_trim) when the C library is glibc, else None."""
    if _libc("gnu_get_libc_version") is None:
        return None
    mallopt, trim = _libc("mallopt"), _libc("malloc_trim")
    return (mallopt, trim) if mallopt and trim else None


@contextmanager
def small_pages() -> Iterator[None]:
    """Turn transparent huge pages off for this process inside the block and keep freed memory
    for reuse (Linux; the second with glibc only)."""
    global _depth
    prctl = _prctl()
    before = prctl(_PR_GET_THP_DISABLE, 0, 0, 0, 0) if prctl else -1
    changed = before == 0 and prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    malloc = _glibc_malloc() if _depth == 0 else None
    if malloc:  # no mappings of their own for large arrays, and no trimming of the heap
        malloc[0](_M_MMAP_MAX, 0)
        malloc[0](_M_TRIM_THRESHOLD, _KEEP_ALL)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if malloc:
            malloc[0](_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
            malloc[0](_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
            malloc[1](0)  # hand the kept memory back
        if changed:
            prctl(_PR_SET_THP_DISABLE, 0, 0, 0, 0)
