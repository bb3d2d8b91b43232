# Generated from: ontology/nkg.ttl by tools/gen_namespaces.py — do not edit
# Regenerate with: python tools/gen_namespaces.py
# ruff: noqa: E501
"""Namespaces of the news knowledge graph: the nkg vocabulary and the ones it reuses."""

# No `from __future__ import annotations`: rdflib reads the NKG class
# annotations as real types (DefinedNamespace.as_jsonld_context).
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef


class NKG(DefinedNamespace):
    """
    News Knowledge Graph ontology

    Vocabulary for a knowledge graph built from news articles: the articles themselves, the actors and places they mention, and the events they report (attacks, statements, thefts, deaths, votes), with provenance back to the article and sentence each fact was read from. Reuses SEM, schema.org, SKOS, PROV-O and W3C WGS84.

    Generated from: ontology/nkg.ttl
    Version: 1.0

    """

    _fail = True

    # http://www.w3.org/2002/07/owl#Class
    Actor: URIRef  # Anyone who acts: a person, an organization or a country.
    AdministrativeRegion: URIRef  # A province, governorate, state, district or other administrative division.
    AirStrike: URIRef  # An attack by aircraft or helicopters (CAMEO 195, Employ aerial weapons).
    ArmedGroup: URIRef  # A non-state armed group: militia, rebel or insurgent group.
    Article: URIRef  # One input document: a news article from which facts are extracted.
    Attack: URIRef  # A use of force (CAMEO 19, Fight).
    Condemnation: URIRef  # A statement condemning or denouncing something (CAMEO 111, Criticize or denounce).
    Country: URIRef  # A state, which is both a place and an actor.
    Death: URIRef  # The death of a named person (no CAMEO code fits).
    DroneAttack: URIRef  # An attack by drones (CAMEO 1952, Employ remotely piloted aerial munitions, under 195).
    Event: URIRef  # Something that happened, as reported in an article.
    Facility: URIRef  # A built or exploited site: a military base, airport, oil or gas field, border crossing, port or similar.
    GovernmentBody: URIRef  # A government, ministry, agency, parliament or other public authority.
    InternationalOrganization: URIRef  # An intergovernmental or international body, such as the UN or NATO.
    MediaOrganization: URIRef  # A news agency, newspaper, broadcaster or other media outlet.
    MilitaryForce: URIRef  # A state's armed forces or one of their branches or units.
    MissileAttack: URIRef  # An attack with missiles, rockets or shelling (CAMEO 194, Fight with artillery and tanks).
    Organization: URIRef  # A government body, armed force or group, agency, company, media outlet or international body.
    Person: URIRef  # A named person.
    Place: URIRef  # Anywhere: a country, region, settlement or facility.
    Settlement: URIRef  # A city, town, village or neighbourhood.
    Statement: URIRef  # A public statement or claim (CAMEO 01, Make public statement).
    Theft: URIRef  # Looting, smuggling or seizing property (CAMEO 171, Seize or damage property).
    Vote: URIRef  # A legislative or official vote (no CAMEO code fits).

    # http://www.w3.org/2002/07/owl#ObjectProperty
    about: URIRef  # The event a statement condemns or addresses.
    agent: URIRef  # Who carried out the event.
    inResponseTo: URIRef  # The earlier event this one is stated to respond to or retaliate for.
    locatedIn: URIRef  # Spatial containment, transitive (Al-Omar oil field, in Deir Ezzor, in Syria).
    memberOf: URIRef  # The organization or country a person is affiliated with.
    mentionedIn: URIRef  # The article mentions this actor, place or event; every extracted entity and event has it.
    place: URIRef  # Where the event happened.
    reportedBy: URIRef  # The source the article credits for the event ("according to SANA").
    sameEventAs: URIRef  # The same real happening reported in another article.
    target: URIRef  # The actor or place the event was aimed at or fell on.

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    contentHash: URIRef  # SHA-256 of the article text, used to skip unchanged articles on rebuild.
    date: URIRef  # The day the event happened, resolved against the article's publication date.
    dateText: URIRef  # The time expression as written in the article ("late on 24 March").
    evidence: URIRef  # The sentence the event was read from.
    injured: URIRef  # Number of people injured, as stated.
    killed: URIRef  # Number of people killed, as stated.
    role: URIRef  # A person's role or title as written ("spokesperson", "Defense Secretary").
    weekday: URIRef  # The weekday the article names ("Tuesday") when the day itself cannot be fixed, as in an undated article.

    # http://www.w3.org/1999/02/22-rdf-syntax-ns#Property
    instrument: URIRef  # The means used: a string or a concept (helicopters, drones, rockets, F-15 jets).

    # http://www.w3.org/2002/07/owl#AnnotationProperty
    cameoCode: URIRef  # The CAMEO (Conflict and Mediation Event Observations) event code that best matches an event class, as a string (e.g. "195").
    countryCode: URIRef  # ISO 3166-1 alpha-2 code of the country an actor belongs to or a place lies in (used in lexicon files).
    cue: URIRef  # A word that signals the class of a name, e.g. the head words "Ministry" or "airport".
    regionCode: URIRef  # ISO 3166-2 code of the first-level region a place lies in (used in lexicon files).
    trigger: URIRef  # A word or phrase that signals an event of this class; used on event classes.

    _NS = Namespace("https://w3id.org/newskg/ontology#")


# Other vocabularies used by the project (plain, open namespaces).
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("http://schema.org/")  # http, as in the vocabulary contract
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84, not GeoSPARQL
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")  # WD["Q858"]
GN = Namespace("https://sws.geonames.org/")  # GeoNames IRIs end in "/": GN["170794/"]
NKGSH = Namespace("https://w3id.org/newskg/shapes#")

# Graph names and the default base for minted instance IRIs.
ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"
REFERENCE_GRAPH = "https://w3id.org/newskg/graph/reference"
DEFAULT_BASE = "https://w3id.org/newskg/resource/"

# Prefixes to bind when serializing or querying.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "nkg": NKG,
    "nkgsh": NKGSH,
    "sem": SEM,
    "schema": SCHEMA,
    "geo": GEO,
    "prov": PROV,
    "wd": WD,
    "gn": GN,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
}

__all__ = [
    "NKG",
    "SEM",
    "SCHEMA",
    "GEO",
    "PROV",
    "WD",
    "GN",
    "NKGSH",
    "RDF",
    "RDFS",
    "OWL",
    "SKOS",
    "XSD",
    "ONTOLOGY_GRAPH",
    "REFERENCE_GRAPH",
    "DEFAULT_BASE",
    "PREFIXES",
]
