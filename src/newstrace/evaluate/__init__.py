"""Evaluation scorers: PAN text alignment (plagdet), attribution F1 against brat, attribution chains, quotes, and
clusterings (B-cubed, pairwise, adjusted Rand: stories and events). Used by benchmarks/ and tests; nothing here
runs during normal use. The formats they read are in `newstrace.formats`; the generated evaluation corpora are
built by benchmarks/generate/."""
