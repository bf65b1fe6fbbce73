"""Wait for a Jupyter kernel's messages in one-second slices: a workaround for a missed wake-up.

The course executes labs through nbclient (the book build, via myst-nb, and the workshop pack's
tests). nbclient waits for each reply with one asyncio poll of the kernel's socket as long as
the cell's timeout. In this project's runs that poll now and then missed a message that had
arrived and slept out the whole timeout before looking again and carrying on without an error:
a lab that runs in 30 s took 137 s in the book build (timeout 120 s) and 324 s in the pack
(timeout 300 s). nbclient issue 312 reports the same kind of stall. Polling in one-second slices,
up to the same overall timeout, bounds what a missed wake-up can cost to a second.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.channels import AsyncZMQSocketChannel

_WHOLE_WAIT = AsyncZMQSocketChannel.get_msg
SLICE = 1.0  # seconds


async def _get_msg_in_slices(self, timeout: float | None = None) -> dict:
    end = None if timeout is None else time.monotonic() + timeout
    while True:
        left = SLICE if end is None else min(SLICE, max(0.0, end - time.monotonic()))
        try:
            return await _WHOLE_WAIT(self, left)
        except Empty:
            if end is not None and time.monotonic() >= end:
                raise


def wait_in_slices() -> None:
    """Make every asyncio kernel client in this process wait in slices (safe to call twice)."""
    AsyncZMQSocketChannel.get_msg = _get_msg_in_slices
