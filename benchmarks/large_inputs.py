"""Huge inputs, generated in a temporary folder (never committed):

- a very long English text (19.5 MB by default, under the 20 MB ingest limit) through `newstrace trace --json`:
  seconds and peak memory, and the bound the article reports; baseline in the same run: `trace` of a file
  holding only the part that is analysed (what a run costs when nothing is bounded away);
- a large WARC of ordinary news pages (200 MB by default) through `newstrace add --no-analyse`: seconds,
  records, peak memory of the whole process tree; baseline: warcio reading every record's payload alone.

    .venv/bin/python benchmarks/large_inputs.py
    .venv/bin/python benchmarks/large_inputs.py --text-mb 5 --warc-mb 50 --workers 2
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import article, html_document  # noqa: E402
from measure import run_sampled  # noqa: E402

MB = 1_000_000


def long_text(path: Path, size: int, seed: int = 7) -> None:
    """English sentences (the benchmark corpus's generator) in paragraphs, `size` bytes in all."""
    rng = random.Random(seed)
    title, _ = article(rng, 10)
    with open(path, "w", encoding="utf-8") as fh:
        written = fh.write(title + "\n\n")
        while written < size:
            _, paragraphs = article(rng, 600)
            chunk = "\n\n".join(paragraphs) + "\n\n"
            written += fh.write(chunk[:size - written])


def big_warc(path: Path, size: int) -> int:
    """Response records of generated news pages until the file holds `size` bytes; returns the records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with open(path, "wb") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        writer = WARCWriter(fh, gzip=False)
        while fh.tell() < size:
            page = html_document(n).encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/story/{n}", "response",
                                                          payload=io.BytesIO(page), http_headers=http))
            n += 1
    return n


def warcio_alone(path: Path) -> str:
    return (f"import sys\nfrom warcio.archiveiterator import ArchiveIterator\nn = total = 0\n"
            f"with open({str(path)!r}, 'rb') as fh:\n"
            f"    for record in ArchiveIterator(fh):\n"
            f"        total += len(record.content_stream().read()); n += 1\n"
            f"print(n, total)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text-mb", type=float, default=19.5)
    parser.add_argument("--warc-mb", type=float, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=["text", "warc"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newstrace-large-"))
    env = {**os.environ, "NEWSTRACE_WORKERS": str(args.workers)}
    rows: list[tuple[str, str, float, int, str]] = []
    try:
        if args.only in (None, "text"):
            text = work / "long.txt"
            long_text(text, int(args.text_mb * MB))
            seconds, peak, out = run_sampled([sys.executable, "-m", "newstrace", "trace", "--db",
                                              str(work / "text.db"), "--json", str(text)], env=env)
            [found] = json.loads(out)["articles"]
            bound = found["bounded"]
            cut = bound["analysed_span"][1] if bound else len(found["text"])
            rows.append((f"trace, {text.stat().st_size / MB:.1f} MB text", f"analysed {cut:,} of "
                         f"{len(found['text']):,} characters", seconds, peak, ""))
            part = work / "part.txt"
            part.write_text(found["text"][:cut], encoding="utf-8")
            seconds, peak, _ = run_sampled([sys.executable, "-m", "newstrace", "trace", "--db",
                                            str(work / "part.db"), "--json", str(part)], env=env)
            rows.append(("baseline: trace of the analysed part alone", f"{part.stat().st_size / MB:.2f} MB",
                         seconds, peak, ""))
        if args.only in (None, "warc"):
            warc = work / "pages.warc"
            records = big_warc(warc, int(args.warc_mb * MB))
            seconds, peak, out = run_sampled([sys.executable, "-m", "newstrace", "add", "--no-analyse", "--db",
                                              str(work / "warc.db"), str(warc)], env=env)
            summary = next((line for line in out.splitlines() if line.startswith("Added")), "")
            rows.append((f"add --no-analyse, {warc.stat().st_size / MB:.0f} MB WARC",
                         f"{records:,} records; {summary.split('(')[0].strip()}", seconds, peak, ""))
            seconds, peak, out = run_sampled([sys.executable, "-c", warcio_alone(warc)], env=env)
            rows.append(("baseline: warcio reads every record", f"{out.split()[0]} records", seconds, peak, ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'run':<44} {'seconds':>8} {'peak MiB':>9}  result")
    for name, result, seconds, peak, _ in rows:
        print(f"{name:<44} {seconds:>8.1f} {peak / 2**20:>9.0f}  {result}")
    print(f"\n{args.workers} workers; peak memory is the proportional set size of the whole process tree "
          f"(sampled every 0.1 s); started {time.strftime('%Y-%m-%d %H:%M')}")


if __name__ == "__main__":
    main()
