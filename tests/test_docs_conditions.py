"""Every ``>>>`` example in docs/conditions.md runs and prints what the page says."""

import doctest
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "conditions.md"
BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


def _blocks() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    blocks = []
    for indent, body in BLOCK.findall(text):
        lines = [line.removeprefix(indent) for line in body.splitlines()]
        blocks.append("\n".join(lines) + "\n")
    return blocks


def test_the_page_has_examples() -> None:
    assert len(_blocks()) >= 8
    assert all(">>>" in block for block in _blocks())


def test_examples_run() -> None:
    # One namespace for the page, as a reader running it top to bottom would have.
    namespace: dict[str, object] = {}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(_blocks()):
        test = parser.get_doctest(block, namespace, f"conditions.md[{number}]", str(PAGE), 0)
        runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # DocTest copies the globals it is given
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 20
    if failed:
        pytest.fail(f"{failed} example(s) in {PAGE.name} failed; see the output above")


@pytest.mark.parametrize("module", ["accord.conditions", "accord.evaluation"])
def test_docstring_examples_run(module: str) -> None:
    import importlib

    failed, attempted = doctest.testmod(importlib.import_module(module))
    assert attempted > 0
    assert failed == 0
