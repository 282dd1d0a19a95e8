"""The examples in the library's docstrings run and hold."""

import doctest
import importlib
import pkgutil

import pytest

import reuse

MODULES = sorted(m.name for m in pkgutil.walk_packages(reuse.__path__, "reuse.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
