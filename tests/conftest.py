"""Run the suite on both cores without building anything twice.

``make test`` runs pytest with ``-n 2 --dist loadgroup`` (pytest-xdist).

- The site is built once per run, in the background from the start (``tests/site_build.py``),
  and every worker checks it in its own Chromium; so the browser tests are shared out one by
  one and come last, after the tests that need no site.
- A worker builds a module fixture for itself, so the other tests of one module stay on one
  worker (group: the module's path), and are not built twice.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import site_build

_OWN_RUN_DIR: list[Path] = []
# Modules whose tests are long and whose module fixture is cheap next to them: shared out one by
# one (each worker makes the fixture once for itself).
SHARED_OUT = {"test_labs_name_their_authority.py"}


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too, so a run with ``-p no:xdist`` accepts the marks added below.
    config.addinivalue_line("markers", "xdist_group(name): tests kept on one worker")
    # The controller (or a run without xdist) makes the run's folder before any worker starts,
    # so every worker inherits its name.
    if not _is_worker(config) and not os.environ.get(site_build.RUN_DIR):
        _OWN_RUN_DIR.append(site_build.make_run_dir())


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_RUN_DIR:
        site_build.finish(folder)


def _is_site(item: pytest.Item) -> bool:
    return "/tests/site/" in item.path.as_posix()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_site(item):
            # Module fixtures in the browser tests are cheap, bar the kit: keep its module whole.
            if item.path.name == "test_kit.py":
                item.add_marker(pytest.mark.xdist_group(item.path.as_posix()))
        elif item.path.name not in SHARED_OUT:
            item.add_marker(pytest.mark.xdist_group(item.path.as_posix()))
    items.sort(key=_is_site)  # stable: browser tests last, each part in collection order
    if any(_is_site(i) for i in items) and not os.environ.get("CHILDINFO_TEST_SITE"):
        site_build.start(Path(os.environ[site_build.RUN_DIR]))


@pytest.fixture(scope="module")
def voice_records():
    """Brackenfold's voice records, as committed (a missing file is a failure, not a skip)."""
    from childinfo.toolkit.data import load_authority

    return load_authority().voice_records
