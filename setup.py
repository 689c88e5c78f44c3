"""Build step: the one ontology source, ``ontologies/*.ttl``, goes into the wheel as ``kg/ontologies/``.

Everything else about the package is in pyproject.toml. An editable install needs no copy:
``kg.rdf.ontology`` reads ``ontologies/`` beside the ``kg`` package of the checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithOntologies(build_py):
    """build_py, then ontologies/*.ttl → <build_lib>/kg/ontologies/ (not in editable mode)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kg" / "ontologies"
        self.mkpath(str(target))
        sources = sorted((ROOT / "ontologies").glob("*.ttl"))
        if not sources:
            raise SystemExit(f"no ontology files in {ROOT / 'ontologies'}: the wheel would lack the ontology")
        for source in sources:
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildPyWithOntologies})
