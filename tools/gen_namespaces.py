#!/usr/bin/env python3
"""Generate kg/namespaces.py from ontology/nkg.ttl.

The output mirrors rdflib's own generated namespaces (rdflib/namespace/_FOAF.py):
a closed DefinedNamespace ``NKG`` with one annotated attribute per term declared
in the ontology, plus plain constants for the other namespaces the project uses.

Usage:
    python tools/gen_namespaces.py            # (re)write kg/namespaces.py
    python tools/gen_namespaces.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, DefinedNamespaceMeta

NKG_NS = "https://w3id.org/newskg/ontology#"
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "nkg.ttl"
OUTPUT = ROOT / "kg" / "namespaces.py"

# Term kinds, in output order; a term with several types goes in the first.
KINDS: list[URIRef] = [
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    RDF.Property,
    OWL.AnnotationProperty,
]

# The module text after the NKG class. Kept in the generator so the output is
# fully determined by the ontology (no dates: regenerating is a no-op).
FOOTER = '''

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
'''


def english(g: Graph, s: URIRef, p: URIRef) -> str | None:
    """The English (or untagged) value of s p, on one line."""
    values = [o for o in g.objects(s, p) if isinstance(o, Literal)]
    values.sort(key=lambda o: (o.language not in ("en", None), str(o)))
    return " ".join(str(values[0]).split()) if values else None


def terms(g: Graph) -> dict[URIRef, list[tuple[str, str]]]:
    """Declared nkg terms grouped by kind: kind -> [(name, comment)]."""
    groups: dict[URIRef, list[tuple[str, str]]] = {k: [] for k in KINDS}
    seen: set[str] = set()
    for s in sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        if not str(s).startswith(NKG_NS):
            continue
        name = str(s)[len(NKG_NS):]
        types = set(g.objects(s, RDF.type))
        kind = next((k for k in KINDS if k in types), None)
        if kind is None:
            continue  # an individual, not a vocabulary term
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            sys.exit(f"gen_namespaces: {s} is not usable as a Python attribute name")
        if hasattr(DefinedNamespaceMeta, name):
            sys.exit(f"gen_namespaces: {s} clashes with a DefinedNamespace attribute")
        if name in seen:
            continue
        seen.add(name)
        doc = english(g, s, RDFS.comment) or english(g, s, RDFS.label) or ""
        groups[kind].append((name, doc))
    return groups


def render(g: Graph, source: str) -> str:
    """The text of kg/namespaces.py."""
    ont = URIRef(NKG_NS.rstrip("#"))
    title = english(g, ont, RDFS.label) or "nkg"
    about = english(g, ont, RDFS.comment) or ""
    version = english(g, ont, OWL.versionInfo) or ""
    out = [
        f"# Generated from: {source} by tools/gen_namespaces.py — do not edit",
        "# Regenerate with: python tools/gen_namespaces.py",
        "# ruff: noqa: E501",
        '"""Namespaces of the news knowledge graph: the nkg vocabulary and the ones it reuses."""',
        "",
        "# No `from __future__ import annotations`: rdflib reads the NKG class",
        "# annotations as real types (DefinedNamespace.as_jsonld_context).",
        "from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class NKG(DefinedNamespace):",
        '    """',
        f"    {title}",
        "",
        f"    {about}",
        "",
        f"    Generated from: {source}",
        f"    Version: {version}",
        "",
        '    """',
        "",
        "    _fail = True",
    ]
    for kind, items in terms(g).items():
        if not items:
            continue
        out += ["", f"    # {kind}"]
        out += [f"    {name}: URIRef  # {doc}".rstrip() for name, doc in items]
    out += ["", f'    _NS = Namespace("{NKG_NS}")']
    return "\n".join(out) + "\n" + FOOTER


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ontology", type=Path, default=ONTOLOGY)
    ap.add_argument("--output", type=Path, default=OUTPUT)
    ap.add_argument("--check", action="store_true", help="fail if the output is stale")
    args = ap.parse_args(argv)

    g = Graph().parse(args.ontology, format="turtle")
    try:
        source = args.ontology.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        source = args.ontology.as_posix()
    text = render(g, source)

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run tools/gen_namespaces.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
