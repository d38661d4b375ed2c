"""Plots of comparison results (extra ``plot``: matplotlib).

matplotlib is imported when a plot is drawn, never when accord is imported,
and the non-interactive ``Agg`` canvas is used so plots work on servers.
"""

import math
import os
from typing import Any

from accord._validation import check_flag, show
from accord.errors import AccordError, ValidationError
from accord.matrix import DivergenceMatrix, check_matrix

__all__ = ["divergence_heatmap"]


#: Actors whose labels fit matplotlib's default figure (6.4 × 4.8 inches) at the default size.
_FITS = 30
#: Past that, inches per actor, inches around the grid and for the colour bar, and label sizes in
#: points (a hundred actors get 6-point labels, the UN's 193 get 4). The grid is at most
#: _LARGEST inches high (4,000 pixels at 100 dpi): past 320 actors, every second (third, …) one
#: is labelled.
_ROW, _MARGIN, _COLOURBAR, _LARGEST = 0.12, 1.5, 1.5, 40.0
_LABELLED = int((_LARGEST - _MARGIN) / _ROW)  # actors labelled at most: 320
_FONT_ROWS, _SMALLEST_FONT = 600.0, 4.0


def _pyplot_figure() -> Any:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise AccordError("plots need matplotlib: pip install 'accord[plot]'") from None
    figure = Figure(layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def divergence_heatmap(
    matrix: DivergenceMatrix,
    *,
    path: str | os.PathLike[str] | None = None,
    title: str | None = None,
    annotate: bool | None = None,
) -> Any:
    """Draw a divergence matrix as a heatmap (0 = same stances, 1 = opposite ends).

    Args:
        matrix: the result of :func:`accord.divergence_matrix`.
        path: where to save the picture (format from the suffix: ``.png``,
            ``.svg``, ``.pdf``); nothing is written when None.
        title: the plot's title; by default says what was compared.
        annotate: write the score in each cell; by default when there are at
            most 20 actors. Pairs with nothing in common are left blank.

    Up to 30 actors fit matplotlib's default figure; a larger matrix gets a
    figure 0.12 inch per actor and smaller labels (the 193 UN members:
    about 25 inches square, 4-point labels), so every actor stays named. The
    figure stops growing at 40 inches high: past 320 actors every second
    (third, …) actor is labelled.

    Returns:
        The :class:`matplotlib.figure.Figure`, for further styling.

    Raises:
        AccordError: matplotlib is not installed.
        ValidationError: *matrix* is not a non-empty :class:`~accord.DivergenceMatrix`,
            *path* is not a path or names a format matplotlib cannot write, or
            *annotate* is neither None nor a bool.
        OSError: the file cannot be written (as with :func:`open`).
    """
    check_matrix(matrix)
    if not matrix.actors:
        raise ValidationError("matrix: has no actors; there is nothing to draw")
    if path is not None and not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path: {show(path)} is not a file path")
    size = len(matrix.actors)
    annotate = size <= 20 if annotate is None else check_flag("annotate", annotate)
    figure = _pyplot_figure()
    step = 1  # every step-th actor labelled
    if size > _FITS:  # a row per actor, each tall enough for its label; the labels smaller
        side = min(_MARGIN + _ROW * size, _LARGEST)
        if size > _LABELLED:  # past the largest figure: fewer labels
            step = math.ceil(size / _LABELLED)
        figure.set_size_inches(side + _COLOURBAR, side)
    if path is not None:
        _check_format(figure, os.fspath(path))
    axes = figure.add_subplot()
    data = [[math.nan if s != s else s for s in row] for row in matrix.scores]
    image = axes.imshow(data, vmin=0.0, vmax=1.0, cmap="viridis_r")
    # Country codes fit side by side under up to 8 columns; longer ids (NATO, EUR-ALLIES) do not.
    upright = size > 8 or max(map(len, matrix.actors)) > 3
    font = None if size <= _FITS else max(_SMALLEST_FONT, _FONT_ROWS * step / size)
    ticks, labels = range(0, size, step), list(matrix.actors[::step])
    axes.set_xticks(ticks, labels=labels, rotation=90 if upright else 0, fontsize=font)
    axes.set_yticks(ticks, labels=labels, fontsize=font)
    figure.colorbar(image, ax=axes, label="divergence")
    subject = "commitments" if matrix.on == "commitments" else "positions"
    when = f" as of {matrix.as_of.isoformat()}" if matrix.as_of else ""
    axes.set_title(title if title is not None else f"Divergence of {subject}{when}")
    if annotate:
        for i, row in enumerate(data):
            for j, score in enumerate(row):
                if not math.isnan(score):
                    colour = "white" if score > 0.5 else "black"
                    axes.text(j, i, f"{score:.2f}", ha="center", va="center", color=colour, fontsize=8)
    if path is not None:
        figure.savefig(os.fspath(path))
    return figure


def _check_format(figure: Any, path: str | bytes) -> None:
    suffix = os.path.splitext(os.fsdecode(path))[1].lstrip(".").lower()
    supported = figure.canvas.get_supported_filetypes()
    if suffix and suffix not in supported:
        raise ValidationError(
            f"path: {os.fsdecode(path)!r:.80}: matplotlib cannot write {suffix!r} files; "
            f"use one of {', '.join(sorted(supported))}"
        )
