"""Reading one trigger's arguments from the dependency parse (the trained pipeline's way).

The frame of the trigger's class (nkg:frame in the ontology) says which syntactic slot fills which
role: the subject of an active verb, the by-phrase of a passive, the object, a possessive or a name
modifying a noun trigger ("Russia's attack", "the Houthi drone attack"), and prepositions ("on X",
"against X", "in X", "with X"). A light verb lends its subject to its noun ("militants carried out an
attack"). Each argument is an entity span, or for an unnamed collective ("gunmen", "protesters")
the noun phrase, which the resolver turns into an nkg:Group.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Span, Token

from .event_arguments import ACTOR_LABELS, PLACE_LABELS, Sentence
from .event_mentions import EventMention, Offsets

__all__ = ["read_parse_arguments", "trigger_head", "is_verb", "clause_tokens", "not_this_incident", "under_other_trigger"]

CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "xcomp", "csubj", "conj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIERS = frozenset({"compound", "amod", "nmod"})


def trigger_head(s: Sentence, m: EventMention) -> Token:
    """The syntactic head of the trigger's words (the one whose head lies outside them)."""
    doc = s.doc
    a, b = m.trigger
    outside = [doc[k] for k in range(a, b) if not a <= doc[k].head.i < b or doc[k].head.i == k]
    # "air and drone strikes": "drone" hangs off "air" as a conjunct, "strikes" is the phrase's head
    return next((t for t in outside if t.dep_ not in (*MODIFIERS, "conj")), outside[0] if outside else doc[a])


def is_verb(tok: Token) -> bool:
    """A verb (or its auxiliary-carried participle) rather than a noun or a name."""
    return tok.pos_ in ("VERB", "AUX") or (tok.tag_ in ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB") and tok.pos_ != "NOUN")


def read_parse_arguments(s: Sentence, m: EventMention, head: Token) -> None:
    """Fill m's verb/definite marks, agents, targets, places and casualty count from the parse."""
    _mark(s, m, head)
    frame = s.knowledge.ontology.frame(m.cls)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children) or any(
        c.lower_ == "under" for c in head.children)  # "came under attack"
    objects = [c for c in head.children if c.dep_ == "dobj"] if is_verb(head) else []
    struck = any(not _weapon_word(s, c) for c in objects)
    fired = any(_weapon_word(s, c) for c in objects)
    for slot, tok in _slots(s, head):
        if passive and slot == "nsubj":
            slot = "nsubjpass"
        role = frame.get(slot)
        own = tok.head.head.i == head.i
        if struck and role == "target" and slot in s.words("eventPlacePrepositions") and own:
            role = "place"  # "struck a car on the outskirts of X": the object was hit, X is where
        elif fired and slot == "at" and own:
            role = "target"  # "fired rockets at the town of X": what the weapons were aimed at
        if role is None:
            continue
        for arg in _conjuncts(tok):
            if role == "target" and _weapon_word(s, arg):
                _weapon_slots(s, m, arg, frame)
            else:
                _assign(s, m, role, arg)
        if slot in ("nsubj", "nsubjpass"):
            for sp in _coordinated_names(s, tok):
                _assign_span(s, m, role, sp)
    if s.lem[head.i] in s.words("agentNouns") or head.lower_ in s.words("agentNouns"):
        _assign_span(s, m, "agent", _group_span(head))  # "protesters", "kidnappers": the noun is the doer
    _places(s, m, head, frame)
    if s.knowledge.ontology.two_sided(m.cls):
        m.targets = [a for a in m.agents] + [t for t in m.targets if t not in m.agents]


def _mark(s: Sentence, m: EventMention, head: Token) -> None:
    m.verb = is_verb(head)
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    m.definite = not m.verb and bool(dets & s.words("determiners") or any(c.dep_ == "poss" for c in head.children))
    for c in head.children:
        if c.lower_ in s.words("ordinals") and c.dep_ in ("amod", "advmod", "det"):
            m.ordinal = m.ordinal or c.lower_
        if c.dep_ == "nummod" and c.like_num:
            m.count = _count(c.text)


def _count(text: str) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "several": 3, "multiple": 3}
    t = text.lower().replace(",", "")
    return int(t) if t.isdigit() else words.get(t)


def _slots(s: Sentence, head: Token) -> Iterator[tuple[str, Token]]:
    """(slot, argument head) pairs of the trigger, and of the light verb that governs a noun trigger."""
    yield from _own_slots(head, noun=not is_verb(head))
    whole = _measure_of(head)  # "carried out a wave of strikes": the light verb takes "wave"
    if whole.i != head.i:  # "a series of raids on the province": what the measure word says is the trigger's
        yield from ((slot, tok) for slot, tok in _own_slots(whole, noun=True) if slot != "of")
    gov = whole.head
    if whole.dep_ == "pobj" and gov.dep_ == "prep" and is_verb(gov.head):  # "agreed to a ceasefire"
        gov = gov.head
    if not is_verb(head) and gov.i != whole.i and whole.dep_ in ("dobj", "pobj", "nsubjpass") and (
            gov.lower_ in s.words("lightVerbs") or s.lem[gov.i] in s.words("lightVerbs")):
        for slot, tok in _own_slots(gov, noun=False):
            if tok.i != whole.i and slot != "dobj":
                yield slot, tok
    if not is_verb(head) and head.dep_ in SUBJECTS and is_verb(gov):  # "the strike hit a school in X"
        pairing = s.lem[gov.i] in s.words("pairingVerbs")  # "the clashes pitted X against Y": both are sides
        for slot, tok in _own_slots(gov, noun=False):
            if pairing and slot in ("dobj", "against"):
                yield "between", tok
            elif slot not in ("nsubj", "nsubjpass", "dobj", "agent"):
                yield slot, tok
    if not is_verb(head) and head.dep_ == "pobj" and is_verb(gov) and head.head.lower_ in ("in", "during"):
        # "troops killed five militants in an exchange of fire"; but who "died in the shelling" was its victim
        died = gov.i in s.triggers and s.knowledge.ontology.is_a(s.triggers[gov.i], "Death")
        yield from ((("nsubjpass" if died else slot), tok) for slot, tok in _shared_subject(gov))
    if not is_verb(head):
        yield from _relative_slots(s, head)


def _measure_of(head: Token) -> Token:
    """"a wave of strikes", "a series of raids": the noun a noun trigger measures out, else the trigger."""
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.dep_ == "prep" and of.head.pos_ == "NOUN" \
            and not of.head.ent_type_ and of.head.i < head.i:
        return of.head
    return head


def _shared_subject(verb: Token) -> Iterator[tuple[str, Token]]:
    """The subject of a verb, or of the first verb it is coordinated with ("X launched ... and killed ...")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            yield subject.dep_, subject
            return
        if verb.dep_ != "conj" or not is_verb(verb.head):
            return
        verb = verb.head


def _relative_slots(s: Sentence, head: Token) -> Iterator[tuple[str, Token]]:
    """"an attack that took place on August 15, which was launched by X against Y": the light verbs of
    relative clauses after a noun trigger tell its arguments (wherever the parser attached them)."""
    light = s.words("lightVerbs") | s.words("occurrenceVerbs")
    for v in s.doc[head.i + 1:s.end]:
        if v.i in s.triggers:
            return  # the clauses after another trigger are that one's
        if v.dep_ not in ("relcl", "acl") or not is_verb(v) or (s.lem[v.i] not in light and v.lower_ not in light):
            continue
        if v.head.i != head.i and v.head.ent_type_:
            continue  # "the 55th Brigade, led by X": a clause about a name, not about the happening
        relative = any(c.dep_ in SUBJECTS and c.lower_ in ("which", "that", "who") for c in v.children)
        if relative or v.dep_ == "acl":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
            for slot, tok in _own_slots(v, noun=False):
                if slot in SUBJECTS or (passive and slot == "dobj"):
                    continue
                yield slot, tok


def _own_slots(tok: Token, *, noun: bool) -> Iterator[tuple[str, Token]]:
    for c in tok.children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass", "dobj", "poss", "dative"):
            yield ("dobj" if dep == "dative" else dep), c
        elif dep == "agent":
            yield from (("agent", p) for p in c.children if p.dep_ == "pobj")
        elif dep == "prep":
            prep = c.lower_
            for p in c.children:
                if p.dep_ == "pobj":
                    yield prep, p
                elif p.dep_ == "prep" and prep in ("out", "because"):  # "carried out ... on", "because of"
                    yield from ((p.lower_, q) for q in p.children if q.dep_ == "pobj")
        elif noun and dep in MODIFIERS and c.ent_type_:
            yield "mod", c


def _conjuncts(tok: Token) -> list[Token]:
    """A token and every token coordinated with it ("A, B and C")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        if t not in out:
            out.append(t)
            todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def _entity_at(s: Sentence, tok: Token, labels: frozenset[str]) -> Span | None:
    e = s.ent_at.get(tok.i)
    return e if e is not None and e.label_ in labels else None


def argument_span(s: Sentence, tok: Token, role: str) -> Offsets | None:
    """The span an argument token stands for: an entity, a collective noun phrase, or the name inside
    a phrase ("the town of Navolato", "members of Los Chapitos", "Israeli jets")."""
    labels = PLACE_LABELS if role == "place" else ACTOR_LABELS | PLACE_LABELS
    e = _entity_at(s, tok, labels)
    if e is not None:
        return (e.start, e.end)
    named = next((n for c in tok.children if c.dep_ in ("appos", "compound") and (n := _entity_at(s, c, frozenset({"PERSON"})))), None)
    if named is not None and role != "place":  # "his Omani counterpart Badr Albusaidi"
        return (named.start, named.end)
    for c in tok.children:  # "the town of X", "members of X"
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                inner = _entity_at(s, p, labels) if p.dep_ == "pobj" else None
                if inner is not None and (tok.lower_ in s.words("placeOf") or s.lem[tok.i] in s.words("memberNouns")):
                    return (inner.start, inner.end)
    if role == "place":
        inner = _modifier_entity(s, tok, PLACE_LABELS)  # "the Konduga fish market"
        return (inner.start, inner.end) if inner is not None else None
    mod = _modifier_entity(s, tok)
    if mod is not None and (tok.lower_ in s.words("forceNouns") or role == "target"):
        return (mod.start, mod.end)  # "Israeli jets" did it; "a US base" was hit: the US was
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if poss is not None and tok.lower_ in s.words("forceNouns"):  # "its fighters carried out the attack"
        owner = _pronoun(s, poss)
        if owner is not None:
            return owner
    if role == "target":
        owner = _owner(s, tok)  # "facilities used by X", "positions linked to X"
        if owner is not None:
            return owner
    if tok.lower_ in s.words("groupNouns") or s.lem[tok.i] in s.words("groupNouns"):
        return _group_span(tok)
    if tok.lower_ in s.words("pronouns"):
        return _pronoun(s, tok)
    if tok.pos_ == "NOUN" and s.knowledge.lexicons.cues.match([tok.lower_], 0) is not None and role != "place":
        return (tok.i, tok.i + 1)  # "the ministry said", "the army": the resolver finds who was named before
    inner = _first_name_inside(s, tok, ACTOR_LABELS if role == "agent" else labels)
    return (inner.start, inner.end) if inner is not None else None


def _first_name_inside(s: Sentence, tok: Token, labels: frozenset[str]) -> Span | None:
    """The first name in a noun phrase ("two bases of the US occupation army in Syria" -> US), not in its
    clauses; a demonym only when no name is there ("areas of the Ukrainian city of Sumy" -> Sumy)."""
    found = [e for t in sorted(_subtree_without_clauses(tok, keep_preps=True), key=lambda t: t.i)
             if (e := _entity_at(s, t, labels)) is not None and not _under_locative(s, t, tok) and not _of_participle(t)]
    return next((e for e in found if e.label_ != "NORP"), found[0] if found else None)


def _under_locative(s: Sentence, t: Token, top: Token) -> bool:
    """"a tanker in the Red Sea": a name after a locative preposition says where, not what."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "pobj" and t.head.lower_ in s.words("countryPrepositions") | {"at", "near", "off", "outside"}:
            return True
        t = t.head
    return False


def _modifier_entity(s: Sentence, tok: Token, labels: frozenset[str] = ACTOR_LABELS) -> Span | None:
    """A name in the modifiers of a noun ("US occupation forces post", "Russia's army", "Konduga market")."""
    todo = sorted((c for c in tok.children if c.dep_ in (*MODIFIERS, "poss")), key=lambda c: c.dep_ == "poss")
    while todo:
        c = todo.pop(0)
        if _of_participle(c):
            continue
        e = _entity_at(s, c, labels)
        if e is not None:
            return e
        todo += [d for d in c.children if d.dep_ in (*MODIFIERS, "poss")]
    return None


def _of_participle(t: Token) -> bool:
    """"a Greek-owned ship", "a Liberian-flagged tanker": a name that modifies a participle says whose the
    thing is or where it is registered, not what it is."""
    part = t.head
    return part.i == t.i + 2 and t.nbor(1).text == "-" and part.tag_ == "VBN" or (
        part.i > t.i and part.dep_ == "amod" and part.lower_.endswith("ed") and part.pos_ != "PROPN")


def _owner(s: Sentence, tok: Token) -> Offsets | None:
    """The actor a thing belongs to: "facilities linked to the IRGC", "bases used by X"."""
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.lower_ in s.words("notAgentVerbs")):
        for prep in (c for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "to")):
            for p in prep.children:
                e = _entity_at(s, p, ACTOR_LABELS) if p.dep_ == "pobj" else None
                if e is not None:
                    return (e.start, e.end)
    return None


def _pronoun(s: Sentence, tok: Token) -> Offsets | None:
    """"X said they carried out strikes", "X said its fighters did it": a pronoun in reported speech is the
    speaker; a relative pronoun is the noun it follows; "he"/"she" are left to the resolver."""
    if tok.lower_ in ("he", "she"):
        return (tok.i, tok.i + 1)
    if tok.lower_ in ("who", "which", "that"):
        antecedent = tok.head.head if tok.head.dep_ == "relcl" else None
        return argument_span(s, antecedent, "agent") if antecedent is not None else None
    gov = tok.head
    while gov.head.i != gov.i:
        gov = gov.head
        speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None) if is_verb(gov) else None
        if speaker is not None and speaker.i != tok.i and not speaker.is_ancestor(tok) and speaker.lower_ not in s.words("pronouns"):
            return argument_span(s, speaker, "agent")
    return None


def _group_span(tok: Token) -> Offsets:
    """The collective noun with its adjectives ("armed men", "displaced people"), without numbers or articles."""
    left = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and not c.like_num and c.i == tok.i - 1]
    start = left[0].i if left else tok.i
    while left and start > 0 and tok.doc[start - 1].dep_ in ("amod", "compound") and tok.doc[start - 1].head.i >= start:
        start -= 1
    return (start, tok.i + 1)


def _coordinated_names(s: Sentence, tok: Token) -> list[Offsets]:
    """"President X and Governor Y": every name coordinated in a subject, however the parser nested it
    (titled names are often parsed as modifiers of each other). Places only when no person or group is named."""
    tokens = [t for t in _subtree_without_clauses(tok)]
    if not any(t.dep_ == "cc" and t.lower_ == "and" for t in tokens):
        return []
    ents = {(e.start, e.end): e for t in tokens if (e := s.ent_at.get(t.i)) is not None and e.label_ in ACTOR_LABELS}
    actors = [sp for sp, e in ents.items() if e.label_ in ("PERSON", "ORG")]
    return actors or [sp for sp, e in ents.items() if e._.kg_class == "Country" or e.label_ == "NORP"]


def _subtree_without_clauses(tok: Token, *, keep_preps: bool = False) -> Iterator[Token]:
    skip = (*CLAUSE_DEPS, "appos", "acl") if keep_preps else (*CLAUSE_DEPS, "prep", "appos", "acl")
    todo = [tok]
    while todo:
        t = todo.pop()
        yield t
        todo += [c for c in t.children if c.dep_ not in skip]


def _weapon_slots(s: Sentence, m: EventMention, weapon: Token, frame: Mapping[str, str]) -> None:
    """"Houthi drones were launched", "dropped bombs on Kharkiv": the weapon is no target; its side may be the
    agent, and what it was aimed at ("on X", "at X") fills the frame's slot for that preposition."""
    owner = _weapon_owner(s, weapon)
    if owner is not None and not m.agents:
        _assign_span(s, m, "agent", owner)
    for c in weapon.children:
        role = frame.get(c.lower_) if c.dep_ == "prep" and c.lower_ != "of" else None
        if role in ("target", "place"):
            for p in (p for p in c.children if p.dep_ == "pobj"):
                _assign(s, m, role, p)


def _assign(s: Sentence, m: EventMention, role: str, tok: Token) -> None:
    sp = argument_span(s, tok, role)
    if sp is not None:
        _assign_span(s, m, role, sp)


def _assign_span(s: Sentence, m: EventMention, role: str, sp: Offsets) -> None:
    if role == "agent" and _is_weapon(s, sp):
        return  # "a landmine killed two soldiers": the mine is the instrument, not who did it
    target = {"agent": m.agents, "target": m.targets, "place": m.places, "about": None}.get(role)
    if role == "target" and _is_place_span(s, sp) and sp not in m.places and not _is_country(s, sp):
        m.places.append(sp)  # a town struck is where it happened too
    if target is not None and sp not in target and not (role == "agent" and _is_place_span(s, sp) and not _is_country(s, sp)):
        target.append(sp)


def _weapon_word(s: Sentence, tok: Token) -> bool:
    """The head noun of a phrase names a weapon ("missiles", "two Houthi drones", "dozens of Katyusha rockets")."""
    counted = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    for t in [tok, *counted[:1]]:
        hit = s.knowledge.lexicons.instruments.match(s.lower, t.i)
        if t.pos_ == "NOUN" and hit is not None and hit[0] == 1:
            return True
    return False


def _weapon_owner(s: Sentence, tok: Token) -> Offsets | None:
    """The armed side a weapon is named for ("Houthi drones", "Russian missiles"); not its make ("Iskander-M")."""
    e = _modifier_entity(s, tok)
    if e is None:
        return None
    onto = s.knowledge.ontology
    armed = e.label_ == "NORP" or any(onto.is_a(e._.kg_class or "", c) for c in ("Country", "ArmedGroup", "MilitaryForce"))
    return (e.start, e.end) if armed else None


def _is_weapon(s: Sentence, sp: Offsets) -> bool:
    hit = s.knowledge.lexicons.instruments.match(s.lower, sp[0])
    last = s.lower[sp[1] - 1]
    return hit is not None and hit[0] == sp[1] - sp[0] and last not in s.words("agentNouns") | s.words("groupNouns")


def _is_place_span(s: Sentence, sp: Offsets) -> bool:
    e = s.ent_at.get(sp[0])
    return e is not None and e.label_ in PLACE_LABELS


def _is_country(s: Sentence, sp: Offsets) -> bool:
    e = s.ent_at.get(sp[0])
    return e is not None and e._.kg_class == "Country"


def clause_tokens(head: Token) -> Iterator[Token]:
    """The trigger's clause: its subtree without clauses of their own (relative, reported, adverbial)."""
    root = head
    if not is_verb(head) and is_verb(head.head) and head.dep_ in (*SUBJECTS, "dobj", "pobj"):
        root = head.head
    elif not is_verb(head) and head.dep_ == "pobj" and is_verb(head.head.head):  # "killed five in an exchange of fire"
        root = head.head.head
    while root.dep_ == "conj" and is_verb(root.head):  # "launched an operation near X ... and killed ..."
        root = root.head
    same_moment = is_verb(head)  # "the fighting comes as talks open in Doha": not where the fighting is
    todo = [root]
    while todo:
        t = todo.pop()
        yield t
        todo += [c for c in t.children if c.dep_ not in CLAUSE_DEPS or c.i == head.i or (same_moment and _while_clause(c))]


def _while_clause(tok: Token) -> bool:
    """"... as the vehicle returned from a patrol near X", "..., killing 12 people in X": a clause of the same
    moment tells the place too."""
    if tok.dep_ != "advcl":
        return False
    return tok.tag_ == "VBG" or any(c.dep_ in ("mark", "advmod") and c.lower_ in ("as", "when", "while") for c in tok.children)


def _places(s: Sentence, m: EventMention, head: Token, frame: Mapping[str, str]) -> None:
    """Places named under locative prepositions anywhere in the trigger's clause ("a school in Kuriga")."""
    country_preps = s.words("countryPrepositions")
    found = [(t, sp) for t in clause_tokens(head) if t.dep_ == "pobj" and frame.get(t.head.lower_) == "place"
             and (sp := argument_span(s, t, "place")) is not None]
    found = [(t, sp) for t, sp in found if not (_is_country(s, sp) and t.head.lower_ not in country_preps)]
    owners = [(sp, under_other_trigger(s, t, head)) for t, sp in found]
    own = [sp for sp, other in owners if other is None]
    # "signed a deal after talks in Cairo": the talks' place when none is its own, but not the place of
    # what it answers or follows ("struck back in retaliation for an attack on a base in X")
    lent = [sp for sp, other in owners if other is not None and not _answered_phrase(s, s.doc[other], m)]
    for sp in own or lent:
        if sp not in m.places and sp not in m.agents:
            m.places.append(sp)


def _answered_phrase(s: Sentence, other: Token, m: EventMention) -> bool:
    """Another trigger of m's family told as what m answers or follows ("in retaliation for an attack")."""
    family = s.knowledge.ontology.family
    if family(s.triggers[other.i]) != family(m.cls):
        return False
    return other.dep_ == "pobj" and (other.head.lower_ in ("for", "to") or other.head.lower_ in s.words("sequenceMarkers"))


def under_other_trigger(s: Sentence, t: Token, head: Token) -> int | None:
    """"struck X after an attack on a ship in the Red Sea": a place inside another trigger's phrase is that
    one's. The start of that other trigger, or None."""
    while t.i != head.i and not t.is_ancestor(head):
        if t.i in s.triggers:
            return t.i
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def not_this_incident(s: Sentence, head: Token) -> bool:
    """"attack drones", "similar attacks before", "targeted several times over the past decade", "anyone who
    attacks": a kind of thing, other, habitual or hypothetical happenings; "two protesters were shot": the
    protesters are victims, not a protest."""
    if head.dep_ in ("compound", "amod") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i not in s.triggers \
            and head.head.i > head.i:
        return True
    if any(c.dep_ == "amod" and c.lower_ in s.words("otherIncidentWords") for c in head.children):
        return True
    if head.dep_ == "relcl" and head.head.lower_ in s.words("anyone"):
        return True
    if (s.lem[head.i] in s.words("agentNouns") or head.lower_ in s.words("agentNouns")) and head.dep_ in ("nsubjpass", "dobj") \
            and s.lem[head.head.i] not in s.words("lightVerbs"):
        return True
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in (head.children if is_verb(head) else head.head.children))
    text = " ".join(s.lower[s.start:s.end])
    return perfect and any(f" {p} " in f" {text} " for p in s.words("habitualMarkers"))
