"""States' outside identifiers (ISO alpha-2 / numeric, Gleditsch–Ward, CAMEO): every shipped code agrees with
its source, the converter reproduces the shipped files, and the codes reach the RDF, the SHACL shapes, the
notebook's entity table and the explorer's page data."""

from __future__ import annotations

import bisect
import csv
import importlib.util
import re
import unicodedata
from importlib import metadata
from pathlib import Path

import pycountry
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.extract.gazetteer import states
from kg.network.html import page_data
from kg.network.project import to_networkx
from kg.rdf.ids import StateIds, state_ids
from kg.rdf.namespace import ENTITIES_GRAPH, GKG
from kg.rdf.store import GraphStore
from kg.rdf.validate import validate_graph
from kg.types import DocResult, Entity, Source

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "data"
PHOENIX = ROOT.parent / "shared" / "resources" / "petrarch2" / "Phoenix.Countries.actors.txt"


def _converter():
    spec = importlib.util.spec_from_file_location("build_ids", ROOT / "scripts" / "build_ids.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _table(name: str) -> dict[str, str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def _country_data() -> dict[str, dict[str, str]]:
    """country_converter's country_data.tsv by ISO3, read from the installed package (the dev extra)."""
    try:
        dist = metadata.distribution("country_converter")
    except metadata.PackageNotFoundError:
        pytest.fail("country_converter is not installed: it is in the dev extra (pip install -e '.[dev]')")
    path = next(dist.locate_file(f) for f in dist.files or () if Path(str(f)).name == "country_data.tsv")
    rows = csv.DictReader(Path(str(path)).read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {row["ISO3"]: row for row in rows}


def _pattern(name: str) -> str:
    """A state name as a Phoenix entry writes it: capitals without accents, "_" for a space or hyphen."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.escape(plain.upper()).replace(r"\ ", "[_ -]").replace(r"\-", "[_ -]")


# ------------------------------------------------------------------------------ every code against its source


def test_ids_gw_codes_are_country_converters():
    source = _country_data()
    shipped = _table("gw_codes.tsv")
    assert set(shipped) <= set(states())
    for iso, code in shipped.items():
        assert source[iso]["GWcode"] == code, iso
    # and none is left out: every state the source numbers is in the file
    assert {iso for iso in states() if (source.get(iso) or {}).get("GWcode")} == set(shipped)


def test_ids_cameo_codes_are_phoenix_country_codes():
    if not PHOENIX.exists():
        pytest.skip(f"{PHOENIX} is not here")
    text = PHOENIX.read_text(encoding="utf-8", errors="replace")
    shipped = _table("cameo_countries.tsv")
    assert len(shipped) >= 190
    entry_starts = [m.start() for m in re.finditer(r"^[A-Z]", text, re.M)] + [len(text)]
    for iso, code in shipped.items():
        # a line naming the state (an entry line or its "+" synonym; "_" for a space or hyphen), in an entry
        # (from its entry line to the next) with the bare code, undated or open-ended: "PAKISTAN_  [PAK]",
        # "TIMOR_LESTE_ ... [TMP >990830]"
        names = "|".join(_pattern(n) for n in states()[iso].names)
        found = False
        for m in re.finditer(rf"^\+?(?:{names})_?(?=\s|$)", text, re.M):
            i = bisect.bisect_right(entry_starts, m.start()) - 1
            block = text[entry_starts[i] : entry_starts[i + 1]]
            if re.search(rf"\[{code}(?:\s*>\s*\d+)?\]", block):
                found = True
                break
        assert found, (iso, code)


def test_ids_iso_codes_are_pycountrys():
    for iso in states():
        country = pycountry.countries.get(alpha_3=iso)
        ids = state_ids(iso)
        if country is None:
            assert (ids.alpha2, ids.numeric) == (None, None), iso
        else:
            assert (ids.alpha2, ids.numeric) == (country.alpha_2, country.numeric), iso
            assert re.fullmatch(r"[A-Z]{2}", ids.alpha2) and re.fullmatch(r"\d{3}", ids.numeric)


@pytest.mark.parametrize(
    "iso, expected",
    [
        ("PAK", StateIds("PK", "586", 770, "PAK")),
        ("AFG", StateIds("AF", "004", 700, "AFG")),  # numeric keeps its leading zeros
        ("USA", StateIds("US", "840", 2, "USA")),
        ("XKX", StateIds(None, None, 347, "KSV")),  # no ISO code; CAMEO's own
        ("TLS", StateIds("TL", "626", 860, "TMP")),  # CAMEO keeps the older code
        ("PSE", StateIds("PS", "275", None, "PSE")),  # not in the Gleditsch-Ward list
        ("VAT", StateIds("VA", "336", None, None)),  # in neither list
        ("ZZZ", StateIds()),
    ],
)
def test_ids_state_ids(iso, expected):
    assert state_ids(iso) == expected


def test_ids_data_files_are_the_converters_output(tmp_path):
    if not PHOENIX.exists():
        pytest.skip(f"{PHOENIX} is not here")
    _country_data()  # fails clearly if the source package is missing
    assert _converter().main(["--out", str(tmp_path)]) == 0
    for name in ("gw_codes.tsv", "gw_codes.LICENSE", "cameo_countries.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8"), name


def test_ids_licences_are_shipped_and_listed():
    licences = (DATA / "LICENSES.md").read_text(encoding="utf-8")
    for name in ("gw_codes.tsv", "cameo_countries.tsv"):
        assert f"`{name}`" in licences
    assert "GNU GENERAL PUBLIC LICENSE" in (DATA / "gw_codes.LICENSE").read_text(encoding="utf-8")
    assert "Version 3" in (DATA / "gw_codes.LICENSE").read_text(encoding="utf-8")
    assert "GNU General Public License" in (DATA / "gw_codes.tsv").read_text(encoding="utf-8")
    assert "The MIT License" in (DATA / "cameo_countries.tsv").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ in the graph

PAK = Entity("state/PAK", "Pakistan", "State", iso="PAK")
KOSOVO = Entity("state/XKX", "Kosovo", "State", iso="XKX")
LET = Entity("group/lashkar-e-taiba", "Lashkar-e-Taiba", "ArmedGroup")
DOC = DocResult(Source("a.txt", "Pakistan. Kosovo. Lashkar-e-Taiba."), (PAK, KOSOVO, LET), ())


def _graph() -> Graph:
    store = GraphStore(None)
    store.put([DOC])
    ds = Dataset()
    ds.parse(data=store.export("nq"), format="nquads")
    return ds


def test_ids_written_in_the_entities_graph():
    ds = _graph()
    entities = ds.graph(ENTITIES_GRAPH)
    pak, xkx, let = (URIRef(f"https://w3id.org/geokg/id/{k}") for k in ("state/PAK", "state/XKX", "group/lashkar-e-taiba"))
    assert entities.value(pak, GKG.isoAlpha2) == Literal("PK")
    assert entities.value(pak, GKG.isoNumeric) == Literal("586")
    assert entities.value(pak, GKG.gwCode) == Literal(770, datatype=XSD.integer)
    assert entities.value(pak, GKG.cameoCode) == Literal("PAK")
    assert entities.value(xkx, GKG.isoAlpha2) is None and entities.value(xkx, GKG.isoNumeric) is None
    assert entities.value(xkx, GKG.cameoCode) == Literal("KSV")
    assert not {GKG.isoAlpha2, GKG.isoNumeric, GKG.gwCode, GKG.cameoCode} & set(entities.predicates(let))


def test_ids_graph_passes_shacl():
    report = validate_graph(Graph().parse(data=_graph().serialize(format="nquads"), format="nquads"))
    assert report.conforms, report


@pytest.mark.parametrize(
    "triple, message",
    [
        ('st:PAK gkg:gwCode "770"', "gwCode"),  # a string, not an integer
        ('st:PAK gkg:isoAlpha2 "PAK"', "isoAlpha2"),
        ('st:PAK gkg:isoNumeric "4"', "isoNumeric"),
        ('grp:let gkg:cameoCode "PAK"', "country code"),  # only a state carries one
    ],
)
def test_ids_shacl_rejects_malformed_codes(triple, message):
    data = f"""
    @prefix gkg: <https://w3id.org/geokg/ontology#> . @prefix st: <https://w3id.org/geokg/id/state/> .
    @prefix grp: <https://w3id.org/geokg/id/group/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    st:PAK a gkg:State ; rdfs:label "Pakistan" ; gkg:isoCode "PAK" .
    grp:let a gkg:ArmedGroup ; rdfs:label "Lashkar-e-Taiba" .
    {triple} .
    """
    report = validate_graph(Graph().parse(data=data, format="turtle"))
    assert not report.conforms
    assert any(message in v.message for v in report.violations), report


def test_ids_in_the_notebooks_entity_table():
    from kg.notebook import KnowledgeGraph

    store = GraphStore(None)
    store.put([DOC])
    df = KnowledgeGraph(store).entities().set_index("label")
    assert list(df.columns[-4:]) == ["iso2", "iso_numeric", "gw", "cameo"]
    assert df.loc["Pakistan", ["iso2", "iso_numeric", "gw", "cameo"]].tolist() == ["PK", "586", 770, "PAK"]
    assert df.loc["Kosovo", "cameo"] == "KSV" and df.loc["Kosovo", "gw"] == 347
    assert str(df["gw"].dtype) == "Int64"


def test_ids_in_the_explorers_page_data():
    G = to_networkx(_graph())
    assert G.nodes["https://w3id.org/geokg/id/state/PAK"]["gw"] == 770
    data = page_data(G, title="t")
    codes = {n["label"]: n["codes"] for n in data["nodes"]}
    assert codes["Pakistan"] == {"iso2": "PK", "iso_numeric": "586", "gw": 770, "cameo": "PAK"}
    assert codes["Kosovo"] == {"gw": 347, "cameo": "KSV"}
    assert codes["Lashkar-e-Taiba"] == {}


def test_ids_doctests():
    import doctest

    import kg.rdf.ids

    result = doctest.testmod(kg.rdf.ids)
    assert result.attempted and not result.failed
