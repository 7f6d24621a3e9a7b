"""Grammar read from a spaCy parse that more than one stage needs: the verb a word hangs on, whether a
verb is in a past tense, a Doc's text read once.

Reads: spaCy tokens and Docs. Writes: nothing; pure functions over the parse. The temporal stage reads a
clause's tense with these to give a time its direction (:mod:`timeline.temporal.tense`); the events stage
to find the verb of a clause and to tell a past plan from a future one (:mod:`timeline.events`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

VERBS = ("VERB", "AUX")
# Participles used as adjectives in "X set to follow", "the vote, due to take place": not past tense.
PREDICATIVE_PARTICIPLES = {"set", "due", "poised", "slated", "scheduled", "expected", "going"}
PAST_AUX = {"VBD"}


def verb_of(token: Token, above: bool = False) -> Token | None:
    """The nearest verb at ``token`` or above it in the parse; ``above``: strictly above it, unless
    ``token`` is the root of its sentence."""
    t = token
    for _ in range(30):
        if t.pos_ in VERBS and (t.i != token.i or not above or t.head.i == t.i):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def tensed_verb(verb: Token) -> Token:
    """The verb whose tense and auxiliaries a gerund complement takes: "withdrawing" in "will begin
    withdrawing troops on Friday" is "begin" (a gerund has no tense of its own: "stopped selling", "kept
    rising" are past, "will start selling" future). So does a free participle clause of its own, with no
    subject or auxiliary: "would cut prices by 6% starting on Thursday" is "cut" ("starting" tells when the
    cut begins, in the main clause's time); any other verb is itself."""
    t = verb
    if bare_adverbial(t):
        return t.head
    for _ in range(10):
        if t.tag_ != "VBG" or t.head.i == t.i or t.head.pos_ not in VERBS:
            break
        if t.dep_ != "xcomp" and not free_participle(t):
            break
        t = t.head
    return t


def bare_adverbial(verb: Token) -> bool:
    """A base-form verb heading an adverbial clause with no subject, auxiliary or "to" of its own ("will elect
    Martin as taoiseach on Wednesday", where the parser takes "taoiseach" for a verb; "rather than wait"):
    it has no tense of its own, its clause is in the time of the verb it hangs on."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and verb.head.pos_ in VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children)
    )


# participles that open a free adjunct telling when the main clause's event begins or ends
FREE_PARTICIPLES = {"starting", "beginning", "commencing", "ending"}


def free_participle(verb: Token) -> bool:
    """A free adjunct of a verb telling when its event begins or ends, with no subject, auxiliary or marker of
    its own ("would cut prices starting on Thursday", "will close the plant, beginning next month")."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.lower_ in FREE_PARTICIPLES
        and verb.head.pos_ in VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children)
    )


def past_tense(verb: Token, perfect: bool = False) -> bool:
    """Whether ``verb`` is in a past tense: a simple past ("planned"), a past auxiliary ("did plan",
    "was killed"), a reduced relative ("products introduced in April"); ``perfect``: a perfect counts too
    ("has scheduled"). A predicative participle is not ("is set to follow", "is set for Friday"; but "set
    Friday as the deadline" is past)."""
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in PAST_AUX for c in verb.children):
        return True
    if perfect and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return True  # "has scheduled a news conference": a perfect, never an adjective
    if verb.lower_ in PREDICATIVE_PARTICIPLES and any(
        c.dep_ in ("xcomp", "aux", "auxpass")
        or (c.dep_ == "prep" and c.lower_ in ("for", "to", "until"))
        or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        for c in verb.children
    ):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "acl")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token again on each access)."""
    text = doc.user_data.get("timeline.text")
    if text is None:
        text = doc.user_data["timeline.text"] = doc.text
    return text
