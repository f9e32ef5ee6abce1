"""Fuzzing newstrace's readers, cleaning and date parsing with generated hostile input.

`inputs` holds a hypothesis strategy per target, which builds inputs shaped like the real thing (pages, feeds,
JSONL, WARC records, gzip) and then damages them (truncation, flipped and inserted bytes, odd encodings);
`targets` runs one input through what a user's file would meet (reader, then preparation: decoding,
extraction, cleaning, language, metadata) and checks what comes out: documents that keep the invariants, or
rejections with a stable code. Anything else, an exception or a broken invariant, is a crash.

`tests/test_fuzz.py` runs a short round of each in the test suite; `benchmarks/fuzz.py` runs long ones.
"""
