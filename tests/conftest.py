"""Run the suite on both cores without building anything twice.

``make test`` runs pytest with ``-n 2`` (pytest-xdist), and this file decides what goes where:

- The site is built once per run, in the background from the start (``tests/site_build.py``),
  and every worker checks it in its own Chromium; so the browser tests are shared out one by
  one and come last, after the tests that need no site.
- A worker builds a module fixture for itself, so the other tests of one module stay on one
  worker (``_group``), and are not built twice.
- The longest work starts first (``FIRST``), so no long test starts late and leaves one core
  idle at the end; xdist keeps this order (its reordering by group size is turned off).

The groups are made by the scheduler below, from test ids: ``--dist loadgroup`` and its
``xdist_group`` marks do nothing with pytest 9 (xdist 3.8 renames ``item._nodeid``, which pytest
9 no longer reads), so every module's fixtures were being made on both workers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import site_build

_OWN_RUN_DIR: list[Path] = []
# Modules whose tests are long and need no module fixture: shared out one by one.
SHARED_OUT = {"tests/test_synth_sector_validators.py"}
# Browser-test modules kept whole: the kit's fixture builds the kit; the analyst track's tests
# share each parsed page. Every other browser test is shared out on its own.
KEPT_WHOLE = {"tests/site/test_kit.py", "tests/site/test_analyst_track.py"}
# The longest groups, run first in this order: the workshop pack (an offline install, then every
# lab on a comparison authority), the sector's validators (about 25 s a year); then, once the site
# is built, the kit (every slide of every deck under axe) and the link check.
FIRST = (
    "tests/test_pack.py",
    "tests/test_synth_sector_validators.py",
    "tests/site/test_kit.py",
    "tests/site/test_pages.py::test_internal_links_and_anchors_resolve",
)


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False  # keep the order set below
    # The controller (or a run without xdist) makes the run's folder before any worker starts,
    # so every worker inherits its name.
    if not _is_worker(config) and not os.environ.get(site_build.RUN_DIR):
        _OWN_RUN_DIR.append(site_build.make_run_dir())


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_RUN_DIR:
        site_build.finish(folder)


def _is_site(nodeid: str) -> bool:
    return nodeid.startswith("tests/site/")


def _group(nodeid: str) -> str:
    """The tests that run on one worker: a module, or a test on its own."""
    module = nodeid.split("::", 1)[0]
    if module in SHARED_OUT or (_is_site(nodeid) and module not in KEPT_WHOLE):
        return nodeid
    return module


def _rank(nodeid: str) -> int:
    return next((n for n, first in enumerate(FIRST) if nodeid.startswith(first)), len(FIRST))


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's, absent with -p no:xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return ByGroup(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Stable: browser tests last; in each part the FIRST modules lead, the rest as collected.
    items.sort(key=lambda i: (_is_site(i.nodeid), _rank(i.nodeid)))
    if any(_is_site(i.nodeid) for i in items) and not os.environ.get("CHILDINFO_TEST_SITE"):
        site_build.start(Path(os.environ[site_build.RUN_DIR]))


@pytest.fixture(scope="module")
def voice_records():
    """Brackenfold's voice records, as committed (a missing file is a failure, not a skip)."""
    from childinfo.toolkit.data import load_authority

    return load_authority().voice_records
