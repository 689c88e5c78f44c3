"""The wheel carries the one ontology source: build it offline, install it into a fresh virtualenv, and run
``kg validate`` there, which must read the shapes from the installed package (not from this checkout)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

VALID = """@prefix gkg: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:kenya a gkg:State ; rdfs:label "Kenya" ; gkg:isoCode "KEN" .
id:somalia a gkg:State ; rdfs:label "Somalia" ; gkg:isoCode "SOM" .
id:kenya gkg:consult id:somalia .
"""
# a State whose ISO code is not three capitals: the shapes (and only the shapes) reject it
INVALID = VALID.replace('"KEN"', '"Kenya"')


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the geokg wheel installed (no dependencies: those come from this test's venv)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a copy of what the build reads, so the checkout gets no build/ directory
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "kg", src / "kg", ignore=ignore)
    shutil.copytree(REPO / "ontologies", src / "ontologies")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(REPO / name, src / name)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", tmp / "dist", src, cwd=tmp)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp / "dist").glob("geokg-*.whl")

    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
                    cwd=tmp)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # The dependencies: this venv's site-packages as a plain path entry. Its .pth files (among them the
    # editable install of this checkout) are not processed, so `kg` can only come from the wheel.
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def test_wheel_holds_the_ontology_under_kg(installed):
    (wheel,) = (installed.parent / "dist").glob("geokg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontologies/geokg.ttl", "kg/ontologies/geokg-shapes.ttl"} <= names
    assert not [n for n in names if n.startswith("ontologies/")]
    packaged = zipfile.ZipFile(wheel).read("kg/ontologies/geokg-shapes.ttl")
    assert packaged == (REPO / "ontologies" / "geokg-shapes.ttl").read_bytes()


def test_wheel_kg_reads_the_packaged_ontology(installed, tmp_path):
    python = installed / "bin" / "python"
    probe = run(python, "-c", "import kg, kg.rdf.ontology as o; print(kg.__file__); print(o.shapes_path())",
                cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    kg_file, shapes = (Path(line) for line in probe.stdout.split())
    assert installed in kg_file.parents, kg_file  # the wheel's kg, not this checkout's
    assert shapes.is_file() and installed in shapes.parents, shapes


def test_wheel_kg_validate_finds_the_shapes(installed, tmp_path):
    kg = installed / "bin" / "kg"
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text(VALID, encoding="utf-8")
    bad.write_text(INVALID, encoding="utf-8")
    ok = run(kg, "validate", "--graph", good, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = run(kg, "validate", "--graph", bad, cwd=tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "isoCode" in failed.stdout and "Traceback" not in failed.stderr
