"""Event and actor cards: everything the graph says about one node, with the sentences it came from."""
from __future__ import annotations

from collections import defaultdict

from ..knowledge.vocab import NKG, OWL, RDF, RDFS, SCHEMA, SKOS
from .sparql import Query, iri, select

__all__ = ["event_card", "event_cards", "actor_card"]

_BATCH = 200

_OUT = """SELECT DISTINCT ?e ?p ?o ?label WHERE {{
  VALUES ?e {{ {e} }} ?e ?p ?o FILTER(?p != nkg:mentionedIn)
  OPTIONAL {{ ?o rdfs:label ?label FILTER(isIRI(?o)) }}
}}"""
_ACTOR = """SELECT DISTINCT ?p ?o ?label WHERE {{
  VALUES ?e {{ {e} }} VALUES ?p {{ rdfs:label skos:altLabel rdf:type owl:sameAs nkg:role nkg:memberOf }} ?e ?p ?o
  OPTIONAL {{ ?o rdfs:label ?label FILTER(isIRI(?o)) }}
}}"""  # the properties the card shows: an actor may be mentioned in thousands of articles
_IN = """SELECT DISTINCT ?e ?s ?p WHERE {{
  VALUES ?e {{ {e} }} VALUES ?p {{ nkg:inResponseTo nkg:about nkg:sameEventAs }} ?s ?p ?e
}}"""
_ARTICLES = """SELECT ?x ?a ?p ?o WHERE {{
  {{ SELECT DISTINCT ?x ?a WHERE {{ VALUES ?x {{ {xs} }} ?x nkg:mentionedIn ?a }} }}
  VALUES ?p {{ schema:headline schema:identifier schema:datePublished schema:url schema:publisher }} ?a ?p ?o
}}"""  # the articles first, in a sub-SELECT: written as one group, Oxigraph read every article's triples
_LINKED = "SELECT DISTINCT ?x ?label ?cls WHERE {{ VALUES ?x {{ {xs} }} OPTIONAL {{ ?x rdfs:label ?label }} OPTIONAL {{ ?x a ?cls }} }}"
_ACTOR_EVENTS = """SELECT ?role ?date (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?x {{ {x} }} {{ ?e nkg:agent ?x BIND("agent" AS ?role) }} UNION {{ ?e nkg:target ?x BIND("target" AS ?role) }}
  OPTIONAL {{ ?e nkg:date ?date }}
}} GROUP BY ?role ?date ORDER BY ?date"""
_ACTOR_LATEST = """SELECT ?e ?role ?date WHERE {{
  VALUES ?x {{ {x} }} {{ ?e nkg:agent ?x BIND("agent" AS ?role) }} UNION {{ ?e nkg:target ?x BIND("target" AS ?role) }}
  OPTIONAL {{ ?e nkg:date ?date }}
}} ORDER BY DESC(?date) LIMIT 50"""
_ARTICLE_FIELDS = {SCHEMA.headline: "headline", SCHEMA.identifier: "identifier", SCHEMA.datePublished: "date",
                   SCHEMA.url: "url", SCHEMA.publisher: "publisher"}
_EVENT_LINKS = {NKG.agent: "agents", NKG.target: "targets", NKG.place: "places", NKG.reportedBy: "reportedBy",
                NKG.inResponseTo: "respondsTo", NKG.about: "about", NKG.sameEventAs: "sameEvent"}
_EVENT_VALUES = {NKG.date: "date", NKG.dateText: "dateText", NKG.killed: "killed", NKG.injured: "injured",
                 RDFS.label: "label"}


def _articles(query: Query, nodes: list[str]) -> dict[str, dict]:
    """For each node, the article it was read from (headline, identifier, date, url, publisher)."""
    out: dict[str, dict] = {}
    for batch in _batches(nodes):
        for row in select(query, _ARTICLES.format(xs=batch)):
            out.setdefault(row["x"], {"iri": row["a"]})[_ARTICLE_FIELDS[row["p"]]] = row["o"]
    return out


def _linked(query: Query, nodes: set[str]) -> dict[str, dict]:
    out: dict[str, dict] = {n: {"iri": n, "label": n.rsplit("/", 1)[-1], "class": None} for n in nodes}
    for batch in _batches(sorted(nodes)):
        for row in select(query, _LINKED.format(xs=batch)):
            out[row["x"]].update({k: row[v] for k, v in (("label", "label"), ("class", "cls")) if v in row})
    return out


def _batches(nodes: list[str]):
    for start in range(0, len(nodes), _BATCH):
        yield " ".join(iri(n) for n in nodes[start:start + _BATCH])


def _blank(event: str) -> dict:
    return {"event": event, "class": None, "evidence": [], "instruments": [], "responses": [], "statements": [],
            **{k: None for k in _EVENT_VALUES.values()}, **{k: [] for k in _EVENT_LINKS.values()}}


def _read(card: dict, row: dict[str, str], labels: dict[str, str]) -> None:
    """Put one (property, value) of an event into its card."""
    p, o = row["p"], row["o"]
    if "label" in row:
        labels[o] = row["label"]
    if p == RDF.type and o.startswith(str(NKG)):
        card["class"] = o
    elif p in _EVENT_LINKS:
        card[_EVENT_LINKS[p]].append(o)
    elif p in _EVENT_VALUES:
        card[_EVENT_VALUES[p]] = int(o) if p in (NKG.killed, NKG.injured) else o
    elif p == NKG.evidence:
        card["evidence"].append(o)
    elif p == NKG.instrument:
        card["instruments"].append(labels.get(o, o))


def event_cards(query: Query, events: list[str]) -> dict[str, dict]:
    """The cards of many events at once (a few queries per 200 events); events not in the store are left out."""
    cards = {e: _blank(e) for e in events}
    labels: dict[str, str] = {}
    for batch in _batches(events):
        for row in select(query, _OUT.format(e=batch)):
            _read(cards[row["e"]], row, labels)
        for row in select(query, _IN.format(e=batch)):
            key = {NKG.inResponseTo: "responses", NKG.about: "statements"}.get(row["p"], "sameEvent")
            cards[row["e"]][key].append(row["s"])
    cards = {e: c for e, c in cards.items() if c["class"] is not None}
    linked_keys = ("respondsTo", "about", "sameEvent", "responses", "statements")
    linked = _linked(query, {x for c in cards.values() for k in linked_keys for x in c[k]})
    articles = _articles(query, sorted(set(cards) | {x for c in cards.values() for x in c["sameEvent"]}))
    for e, card in cards.items():
        for key in ("agents", "targets", "places", "reportedBy"):
            card[key] = sorted(({"iri": x, "label": labels.get(x, x.rsplit("/", 1)[-1])} for x in set(card[key])),
                               key=lambda d: d["label"])
        for key in linked_keys:
            card[key] = [{**linked[x], "event": x, "article": articles.get(x)} for x in sorted(set(card[key]))]
        card["evidence"].sort()
        card["article"] = articles.get(e)
    return cards


def event_card(query: Query, event: str) -> dict:
    """Everything about one event: its class, who, whom, where, when, casualties, instrument, sources,
    the sentences it was read from, the events it answers and that answer it, the statements about it,
    its article, and the same happening as other articles report it.

    Raises ValueError when the IRI is malformed or names no event.
    """
    card = event_cards(query, [event]).get(event)
    if card is None:
        raise ValueError(f"no event {event} in the store")
    return card


def actor_card(query: Query, actor: str, *, events: bool = True) -> dict:
    """An actor's names, types, links (GeoNames, Wikidata), affiliations and its events as agent and
    as target: counts by day, and the 50 most recent. Raises ValueError when nothing is known of it.

    events (bool): count its events too. Defaults to True (a report counts them in the page).
    """
    x = iri(actor)
    facts: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in select(query, _ACTOR.format(e=x)):
        facts[row["p"]].add(row["o"])
        if "label" in row:
            labels[row["o"]] = row["label"]
    if not facts:
        raise ValueError(f"nothing is known of {actor} in the store")
    names = sorted(facts[RDFS.label])
    card = {"actor": actor, "label": names[0] if names else actor.rsplit("/", 1)[-1],
            "names": sorted(facts[RDFS.label] | facts[SKOS.altLabel]),
            "types": [{"iri": t, "label": labels.get(t, NKG.local(t) or t)} for t in sorted(facts[RDF.type])],
            "links": sorted(facts[OWL.sameAs]), "roles": sorted(facts[NKG.role]),
            "memberOf": [{"iri": m, "label": labels.get(m, m.rsplit("/", 1)[-1])} for m in sorted(facts[NKG.memberOf])]}
    if not events:
        return card
    by_day: dict[str, dict[str, int]] = {"agent": {}, "target": {}}
    undated = {"agent": 0, "target": 0}
    for row in select(query, _ACTOR_EVENTS.format(x=x)):
        if "date" in row:
            by_day[row["role"]][row["date"]] = int(row["n"])
        else:
            undated[row["role"]] += int(row["n"])
    rows = select(query, _ACTOR_LATEST.format(x=x))
    linked = _linked(query, {r["e"] for r in rows})
    latest = [{"event": r["e"], "role": r["role"], "date": r.get("date"), "label": linked[r["e"]]["label"],
               "class": linked[r["e"]]["class"]} for r in rows]
    return {**card, "events": {"byDay": by_day, "undated": undated, "latest": latest}}
