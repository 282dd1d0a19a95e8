"""The examples in the library's docstrings run and hold."""

import doctest
import importlib
import pkgutil

import pytest

import reuse

MODULES = sorted(m.name for m in pkgutil.walk_packages(reuse.__path__, "reuse.") if not m.name.endswith("__main__"))


def _has_examples(name: str) -> bool:
    return any(test.examples for test in doctest.DocTestFinder().find(importlib.import_module(name)))


#: Only modules with examples: for the others ``testmod`` attempts nothing and could not fail.
WITH_EXAMPLES = [name for name in MODULES if _has_examples(name)]


def test_most_modules_show_examples():
    assert len(WITH_EXAMPLES) >= 20, WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0
    assert failures == 0
