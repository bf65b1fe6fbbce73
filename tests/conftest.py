"""Run the suite on both cores without building anything twice.

``make test`` runs pytest with ``-n 2 --dist loadgroup`` (pytest-xdist). A worker builds a
session or module fixture for itself, so tests that share one are kept on one worker: every
browser test shares the one site build (group ``site``), and the tests of one module share that
module's fixtures (group: the module's path).
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.as_posix()
        group = "site" if "/tests/site/" in path else path
        item.add_marker(pytest.mark.xdist_group(group))
