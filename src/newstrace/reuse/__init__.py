"""Text reuse: fingerprints, candidate pairs, passage alignment and direction of copying."""
