"""The examples in the generator's docstrings run and give what they show."""

import doctest
import importlib

import pytest

MODULES = ["childinfo.synth", "childinfo.synth.config", "childinfo.synth.parameters", "childinfo.synth.generate",
           "childinfo.synth.writers", "childinfo.synth.faults", "childinfo.synth.returns",
           "childinfo.synth.returns.rules", "childinfo.synth.england", "childinfo.synth.children_table",
           "childinfo.synth.dictionary", "childinfo.synth.reviews", "childinfo.synth.columns", "childinfo.data"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 1
