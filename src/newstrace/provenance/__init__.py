"""Provenance: where each sentence came from, how original each article is."""
