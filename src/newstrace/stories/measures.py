"""The clustering scores now live with the other scorers in `newstrace.evaluate.clusters`; kept here so that
existing imports (`benchmarks/stories.py`, the story tests) keep working."""

from ..evaluate.clusters import PRF, adjusted_rand, bcubed, pairwise

__all__ = ["PRF", "adjusted_rand", "bcubed", "pairwise"]
