"""Divergence heatmaps (extra ``plot``)."""

from pathlib import Path

import pytest

from accord import divergence_matrix
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
