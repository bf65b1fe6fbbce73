"""The kernel-wait workaround: a reply that a long poll would miss is picked up within a slice."""

from __future__ import annotations

import asyncio
from queue import Empty

import pytest
from jupyter_client.channels import AsyncZMQSocketChannel

from childinfo.course import kernel_wait


def _fake_wait(replies_after: int | None, asked: list):
    """A socket wait that finds nothing for the first ``replies_after`` calls (None: never)."""

    async def wait(self, timeout=None):
        asked.append(timeout)
        if replies_after is not None and len(asked) > replies_after:
            return {"msg": "reply"}
        await asyncio.sleep(min(timeout or 0, 0.01))
        raise Empty

    return wait


def test_a_long_wait_is_made_of_short_looks_until_the_reply(monkeypatch):
    asked: list = []
    monkeypatch.setattr(kernel_wait, "_WHOLE_WAIT", _fake_wait(3, asked))
    msg = asyncio.run(kernel_wait._get_msg_in_slices(None, timeout=300))
    assert msg == {"msg": "reply"}
    assert len(asked) == 4 and all(t <= kernel_wait.SLICE for t in asked)


def test_the_overall_timeout_still_ends_the_wait(monkeypatch):
    asked: list = []
    monkeypatch.setattr(kernel_wait, "SLICE", 0.01)
    monkeypatch.setattr(kernel_wait, "_WHOLE_WAIT", _fake_wait(None, asked))
    with pytest.raises(Empty):
        asyncio.run(kernel_wait._get_msg_in_slices(None, timeout=0.05))
    assert len(asked) >= 2 and asked[-1] <= 0.01


def test_wait_in_slices_replaces_the_clients_wait(monkeypatch):
    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", kernel_wait._WHOLE_WAIT)
    kernel_wait.wait_in_slices()
    assert AsyncZMQSocketChannel.get_msg is kernel_wait._get_msg_in_slices
