"""spaCy's parser and entity recognizer decoded one step at a time with the GIL held: the same
transitions, chosen from the same scores, in about half the time.

spaCy 3.8's greedy decoder (``Parser.greedy_parse`` → ``_parseC``) runs its loop over the batch's
states with the GIL released, but the compiled code it calls in that loop takes the GIL back again and
again: the state's accessors and the moves' validity tests guard their C++ calls with it (Cython), and
``c_transition_batch`` asserts under it once per step. With the GIL released each of those is a real
acquire and release (pthread mutexes, a condition variable): a perf profile of the entity recognizer on
real news text put a third of its time in ``pthread_mutex_lock``/``unlock`` and ``take_gil``. With the
GIL held, the same guards cost a thread-local lookup.

``StepDecoder`` stands in the pipeline for such a component and runs the loop in Python, one step for
all unfinished states of a batch: the component's step model (spaCy's ``step_forward``: the features
precomputed from the token vectors, summed, maxout, the output layer, unseen classes at the minimum) and
``Parser.transition_states`` (validity, the best valid move, the move itself, in compiled code). Those
are the functions the compiled loop uses, in the same order, so the annotations are the same (no head,
dependency label or entity differed on 800 real documents, 72k words). What a step costs in Python is
shared by the batch; the states finish at their own length. Beam search, GPU models and anything that
is not a spaCy transition-based component keep their own decoder (``install`` leaves them alone).

``install(nlp)`` puts a decoder in front of the pipeline's "parser" and "ner"; ``nlp.get_pipe("ner")``
then returns the decoder, which hands everything but decoding (labels, ``moves``, ``model``, ``cfg``, ...)
to the component it wraps (``.component``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.util import minibatch

# components decoded here when the pipeline has them under these names
DECODED = ("parser", "ner")
SUB_BATCH = 64  # Docs decoded together (sorted by length, as spaCy's own pipe does)


class StepDecoder:
    """A greedy transition-based component (spaCy ``Parser``: parser, entity recognizer) whose decoding
    runs step by step with the GIL held; everything else is the wrapped component's."""

    def __init__(self, component) -> None:
        self.component = component
        self.error_handler = None  # spaCy's own components cannot keep one (an extension type without a dict)

    def set_error_handler(self, handler) -> None:
        """What to call with (name, component, Docs, exception) when a batch fails (``nlp.set_error_handler``);
        by default the component's, which raises."""
        self.error_handler = handler

    def get_error_handler(self):
        return self.error_handler or self.component.get_error_handler()

    def __getattr__(self, name: str):
        return getattr(self.component, name)

    def __call__(self, doc):
        return next(iter(self.pipe([doc], batch_size=1)))

    def pipe(self, docs: Iterable, *, batch_size: int = 256) -> Iterator:
        """The Docs annotated, in order; as ``Parser.pipe``, by length within each ``batch_size`` batch."""
        handler = self.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            try:
                for sub in minibatch(sorted(batch, key=len), size=SUB_BATCH):
                    sub = list(sub)
                    self.component.set_annotations(sub, self.predict(sub))
            except Exception as exc:  # noqa: BLE001 — the component's own error handler decides, as spaCy's pipe does
                handler(self.component.name, self.component, batch, exc)
                continue
            yield from batch

    def predict(self, docs: list) -> list:
        """The final states of ``docs`` (``StateClass`` objects, for ``set_annotations``)."""
        parser = self.component
        if not any(len(doc) for doc in docs):
            return parser.moves.init_batch(docs)
        parser._ensure_labels_are_added(docs)  # labels preset on the Docs, as greedy_parse adds them
        states = parser.moves.init_batch(docs)
        model = parser.model.predict(docs)  # token vectors, features precomputed for every token
        try:
            active = [state for state in states if not state.is_final()]
            while active:
                scores, _ = model(active, is_train=False)
                active = parser.transition_states(active, scores)
        finally:
            model.clear_memory()
        return states


def decodable(component) -> bool:
    """Is ``component`` a greedy CPU transition-based spaCy component whose loop ``StepDecoder`` can run?"""
    from spacy.pipeline.transition_parser import Parser
    from thinc.api import NumpyOps

    if not isinstance(component, Parser) or component.cfg.get("beam_width", 1) != 1:
        return False
    return isinstance(component.model.ops, NumpyOps)


def install(nlp) -> list[str]:
    """Put a ``StepDecoder`` in place of the pipeline's parser and entity recognizer (``DECODED``) where
    ``decodable``; returns the names it wrapped. Calling it again changes nothing."""
    wrapped = []
    for i, (name, component) in enumerate(nlp._components):
        if name in DECODED and decodable(component):
            nlp._components[i] = (name, StepDecoder(component))
            wrapped.append(name)
    return wrapped
