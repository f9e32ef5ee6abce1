"""Evaluation: scorers (PAN text alignment, later attribution F1 and clustering B-cubed) and generators of
evaluation corpora. Used by benchmarks/ and tests; nothing here runs during normal use."""
