"""The notebooks in notebooks/ run top to bottom on the seeds; any cell error fails the suite.

The kernel is always this interpreter (the project's virtualenv), whatever Jupyter kernelspecs the
machine has installed: a stale user-level ``python3`` kernelspec must not run the notebooks elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from jupyter_client.kernelspec import KernelSpec  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
BOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT_S = 300


class ThisPythonKernelManager(AsyncKernelManager):
    """A kernel manager whose ``python3`` kernel is ``sys.executable -m ipykernel_launcher``."""

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="geokg (this interpreter)",
            language="python",
        )


def execute(path: Path):
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        book,
        kernel_name="python3",
        kernel_manager_class=ThisPythonKernelManager,
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return book


def html_outputs(book) -> list[str]:
    return [
        out["data"]["text/html"]
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", ())
        if "text/html" in out.get("data", {})
    ]


def test_notebooks_are_the_expected_ones():
    assert [p.name for p in BOOKS] == ["01-quickstart.ipynb", "02-dyad-timeline.ipynb", "03-sparql-cookbook.ipynb"]


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.stem)
def test_notebooks_stored_clean(path):
    """Stored without outputs or execution counts, valid, on the standard python3 kernel."""
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    assert book.metadata["kernelspec"]["name"] == "python3"
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.stem)
def test_notebooks_run_top_to_bottom(path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # silence the debugger's frozen-modules note
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    book = execute(path)  # raises CellExecutionError, with the cell and traceback, on any error
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before, "a notebook wrote files beside itself"
    errors = [
        out for cell in book.cells for out in cell.get("outputs", ()) if out.get("output_type") == "error"
    ]
    assert not errors
    if path.stem == "01-quickstart":
        frames = [h for h in html_outputs(book) if "<iframe srcdoc=" in h]
        assert len(frames) == 2, "kg.show() should render the explorer inline twice"
        assert all('sandbox="allow-scripts allow-downloads"' in h for h in frames)  # scripts and the explorer's PNG/SVG export; never same-origin
