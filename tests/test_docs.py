"""Every code example in the README, the docs and examples/ runs."""

import doctest
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("**/*.md")])
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_document_examples(path: Path) -> None:
    if "_build" in path.parts:
        pytest.skip("build output")
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {path.name}"
    if "```python" in path.read_text(encoding="utf-8"):
        assert result.attempted > 0, f"{path.name} shows Python blocks but none of them runs"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_script(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip(), f"{path.name} printed nothing"


def test_examples_exist() -> None:
    assert EXAMPLES, "examples/ holds no scripts"


def test_module_examples() -> None:
    import accord.serialisation

    result = doctest.testmod(accord.serialisation)
    assert result.failed == 0
    assert result.attempted > 0
