"""The pipeline's matrix products through numpy (kg.extract.nlp.matmul_by_numpy, when BLIS keeps its generic
kernels) and OpenBLAS on one thread while parsing (one_blas_thread): the same annotations, only the kernel
changes."""

from __future__ import annotations

import numpy
import spacy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from kg.extract.nlp import matmul_by_numpy, one_blas_thread
from tests.conftest import load_model_or_skip


def blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_matmul_by_numpy_switches_every_cpu_layer_and_keeps_its_output():
    nlp = spacy.blank("en")
    tok2vec = nlp.add_pipe("tok2vec")  # spaCy's default token-to-vector network: convolutions of Maxout layers
    nlp.initialize()
    doc = nlp.make_doc("The envoy of Ruritania met the rebels of the Northern Front in a mountain town.")
    before = tok2vec.predict([doc])[0]
    assert all(layer.ops.use_blis for layer in tok2vec.model.walk())
    assert matmul_by_numpy(nlp) == len(list(tok2vec.model.walk()))
    assert not any(layer.ops.use_blis for layer in tok2vec.model.walk())
    after = tok2vec.predict([doc])[0]
    assert after.shape == before.shape
    numpy.testing.assert_allclose(after, before, rtol=1e-4, atol=1e-5)
    assert matmul_by_numpy(nlp) == 0  # nothing left to change
    other = spacy.blank("en").add_pipe("tok2vec").model  # a pipeline made afterwards: the switch was per pipeline
    assert type(other.ops) is NumpyOps and other.ops.use_blis


def test_one_blas_thread_limits_openblas_and_restores_it():
    before = blas_threads()
    if not before:  # numpy without a BLAS thread pool: nothing to limit
        return
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before


def test_the_loaded_pipeline_multiplies_with_numpy_only_under_generic_blis_and_tags_as_before():
    from kg.extract.blis_kernels import GENERIC, blis_kernels
    from kg.extract.nlp import load_nlp

    load_model_or_skip()
    nlp = load_nlp()
    layers = [layer for _, c in nlp.pipeline if hasattr(getattr(c, "model", None), "walk") for layer in c.model.walk()]
    by_numpy = [not getattr(layer.ops, "use_blis", True) for layer in layers]
    assert layers and all(by_numpy) == (blis_kernels() == GENERIC) and (any(by_numpy) == all(by_numpy))
    plain = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}", exclude=["senter"])  # thinc's default ops
    text = ("Foreign Minister Ana Varga of Ruritania accused the Northern Front of shelling Port Elm on Sunday. "
            "The front's commander said his fighters would not leave the valley until the talks resumed.")
    with one_blas_thread():
        ours = nlp(text)
    theirs = plain(text)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == [
        (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs
    ]
