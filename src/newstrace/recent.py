"""A mapping that keeps only the most recently used entries: parses, token states and texts that are read
many times while they are recent (a paragraph once per cue, an article once per pair) and never again."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(OrderedDict[K, V], Generic[K, V]):
    """At most `size` entries (it may be raised, as training does to hold a whole corpus); `put` drops the
    least recently used beyond it, `take` marks an entry used."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def take(self, key: K) -> V | None:
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def put(self, key: K, value: V) -> V:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)
        return value
