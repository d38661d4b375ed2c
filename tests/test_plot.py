"""Divergence heatmaps (extra ``plot``)."""

from pathlib import Path

import pytest

from accord import DivergenceMatrix, ValidationError, divergence_matrix
from accord.examples import postwar_ukraine

pytest.importorskip("matplotlib", reason="the plot extra (matplotlib) is not installed")

from accord.plot import divergence_heatmap


def test_heatmap_png(tmp_path: Path) -> None:
    matrix = divergence_matrix(postwar_ukraine(), ["GBR", "FRA", "USA", "RUS"])
    path = tmp_path / "heatmap.png"
    figure = divergence_heatmap(matrix, path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["GBR", "FRA", "USA", "RUS"]
    cells = {t.get_text() for t in axes.texts}
    assert "0.25" in cells  # USA–GBR
    # RUS has no positions: its pairs have nothing in common and stay blank
    assert len(axes.texts) == 9
    assert axes.get_title() == "Divergence of positions"


def test_heatmap_svg_without_annotations(tmp_path: Path) -> None:
    matrix = divergence_matrix(postwar_ukraine(), ["GBR", "USA"], on="commitments")
    path = tmp_path / "heatmap.svg"
    figure = divergence_heatmap(matrix, path=path, annotate=False, title="Portfolios")
    assert path.read_text().lstrip().startswith("<?xml")
    assert len(figure.axes[0].texts) == 0
    assert figure.axes[0].get_title() == "Portfolios"


@pytest.mark.parametrize(
    ("matrix", "path", "message"),
    [
        ("USA", None, "matrix: 'USA' is not a DivergenceMatrix"),
        (DivergenceMatrix(actors=(), scores=(), counts=()), None, "matrix: has no actors"),
        (None, 42, "path: 42 is not a file path"),
        (None, "heatmap.xyz", "matplotlib cannot write 'xyz' files; use one of"),
    ],
)
def test_bad_arguments_are_accord_errors(tmp_path: Path, matrix: object, path: object, message: str) -> None:
    good = divergence_matrix(postwar_ukraine(), ["GBR", "USA"])
    where = tmp_path / path if isinstance(path, str) else path
    with pytest.raises(ValidationError) as info:
        divergence_heatmap(good if matrix is None else matrix, path=where)  # type: ignore[arg-type]
    assert message in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_an_os_error(tmp_path: Path) -> None:
    matrix = divergence_matrix(postwar_ukraine(), ["GBR", "USA"])
    with pytest.raises(FileNotFoundError):
        divergence_heatmap(matrix, path=tmp_path / "missing" / "heatmap.png")


def test_annotate_is_a_flag_not_a_truth_value_to_guess() -> None:
    matrix = divergence_matrix(postwar_ukraine())
    with pytest.raises(ValidationError, match="annotate: 'no' is not True or False"):
        divergence_heatmap(matrix, annotate="no")  # type: ignore[arg-type]
    assert not divergence_heatmap(matrix, annotate=False).axes[0].texts
    assert divergence_heatmap(matrix, annotate=True).axes[0].texts


def test_long_ids_are_written_upright_so_they_do_not_overlap() -> None:
    fw = postwar_ukraine()
    long_ids = divergence_heatmap(divergence_matrix(fw))  # NATO, EUR-ALLIES, UKR-SUPPORTERS, …
    assert {label.get_rotation() for label in long_ids.axes[0].get_xticklabels()} == {90.0}
    codes = divergence_heatmap(divergence_matrix(fw, ["USA", "GBR", "FRA"]))
    assert {label.get_rotation() for label in codes.axes[0].get_xticklabels()} == {0.0}


def _square(size: int) -> DivergenceMatrix:
    ids = tuple(f"C{k:03}" for k in range(size))
    scores = tuple(tuple(abs(i - j) / size for j in range(size)) for i in range(size))
    return DivergenceMatrix(actors=ids, scores=scores, counts=tuple((1,) * size for _ in range(size)))


def test_a_large_matrix_gets_a_row_per_actor_tall_enough_for_its_label() -> None:
    # analyst trial: 193 countries on a 6.4 × 4.8 inch figure overprinted into a solid block
    small = divergence_heatmap(_square(30))
    assert tuple(small.get_size_inches()) == (6.4, 4.8)
    figure = divergence_heatmap(_square(100))
    width, height = figure.get_size_inches()
    assert height == pytest.approx(1.5 + 0.12 * 100)
    assert width == pytest.approx(height + 1.5)
    labels = figure.axes[0].get_yticklabels()
    assert [t.get_text() for t in labels] == [f"C{k:03}" for k in range(100)]
    assert {t.get_fontsize() for t in labels} == {6.0}
    assert {t.get_fontsize() for t in divergence_heatmap(_square(200)).axes[0].get_xticklabels()} == {4.0}


def test_a_very_large_matrix_stops_growing_and_labels_every_few_actors() -> None:
    # review: 951 ATOP actors made a 117-inch figure (5 GB to save); past ~5,450 Agg refuses
    figure = divergence_heatmap(_square(951))
    assert tuple(figure.get_size_inches()) == (41.5, 40.0)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == [f"C{k:03}" for k in range(0, 951, 3)]
    assert list(figure.axes[0].get_yticks()) == list(range(0, 951, 3))


@pytest.mark.parametrize("size", [56, 123, 255, 320])
def test_up_to_320_actors_every_one_is_labelled(size: int) -> None:
    # review: float rounding labelled every second actor of 56, 123, 255 … at twice the size
    labels = divergence_heatmap(_square(size)).axes[0].get_yticklabels()
    assert len(labels) == size
    assert {t.get_fontsize() for t in labels} == {max(4.0, 600 / size)}
