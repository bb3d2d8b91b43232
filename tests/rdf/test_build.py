"""Records to quads: one named graph per article, reference facts apart, every literal well formed."""
import pyoxigraph as ox

from kg.knowledge.vocab import NKG, REFERENCE_GRAPH
from kg.rdf import article_quads, reference_quads
from kg.read import article_from_text


def test_article_graph_and_reference_graph(extractor):
    rec = next(extractor.extract([article_from_text("Drones struck the Al-Udeid Air Base in Qatar.", id="x-1")]))
    quads = article_quads(rec)
    assert {q.graph_name.value for q in quads} == {rec.iri}
    ref = reference_quads(rec)
    assert ref and {q.graph_name.value for q in ref} == {REFERENCE_GRAPH}
    mentioned = {q.subject.value for q in quads if q.predicate.value == str(NKG.mentionedIn)}
    assert {q.subject.value for q in ref} - mentioned <= {e.iri for e in rec.places_chain.values()}


def test_quads_survive_a_round_trip_through_nquads(extractor):
    text = 'Fighters of the "Free" <Brigade> said\n"hello" 🙂 in Idlib.'
    rec = next(extractor.extract([article_from_text(text, id='odd "id" <1>')]))
    quads = article_quads(rec) + reference_quads(rec)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == set(quads)
