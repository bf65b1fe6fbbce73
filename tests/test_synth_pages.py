"""The generator opts out of transparent huge pages only while it runs (see synth/pages.py)."""

import sys

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
