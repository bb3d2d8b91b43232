"""Stage 2, nlp: one spaCy Language whose components find names, roles, times and events."""
