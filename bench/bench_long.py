"""One very long document: peak memory of `kg build` on a 100,000-word and a 2,000,000-word text.

A document of any length is parsed in pieces (cut at paragraph breaks, at most MAX_CHUNK_CHARS each) that go
to spaCy one at a time, and each piece's statements are written to the store as soon as it is extracted
(the document's entities, identifier and content hash last), so the peak should not grow with the length:
the goal is the 2M-word document's peak RSS within 1.5 times the 100k-word one's. Each build runs in its own process (`kg build
FILE --store DIR --jobs 1`); its peak RSS is the kernel's (wait4's ru_maxrss).

    python bench/bench_long.py [WORDS ...]      # default: 100000 2000000
    python bench/bench_long.py --extract-only [WORDS ...]   # parse and extract only (no store write)

``--extract-only`` measures parsing and extraction alone (``kg.pipeline.extract_all``, one process, results
counted and dropped); the full build adds the store writes, a piece at a time.

The text is made here from sentences written for this benchmark (states, officials, groups, cities
drawn with a fixed seed), in paragraphs of three to six sentences.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATES = ["Pakistan", "India", "Qatar", "Russia", "Ukraine", "Somalia", "Kenya", "Yemen", "Egypt", "Turkey",
          "Iran", "Japan", "Brazil", "Nigeria", "Mali", "Chad", "Peru", "Chile", "Norway", "Serbia"]
CITIES = ["Doha", "Islamabad", "Nairobi", "Cairo", "Ankara", "Lima", "Oslo", "Belgrade", "Bamako", "Tokyo"]
GROUPS = ["the Coastal Liberation Front", "the Northern Brigades", "al-Shabaab", "the Red Hand militia",
          "the United Nations", "the African Union", "the Arab League", "the Desert Hawks"]
TITLES = ["Foreign Minister", "Defense Minister", "President", "Prime Minister", "Interior Minister"]
FIRST = ["Amara", "Bilal", "Chen", "Dario", "Elif", "Farid", "Goran", "Hana", "Ivo", "Jalal", "Kemal", "Lena"]
LAST = ["Okonjo", "Rashidov", "Varga", "Tanaka", "Moreau", "Haddad", "Petrovic", "Quispe", "Lindqvist", "Osei"]

SENTENCES = [
    "{s1} {title} {person} met officials of {s2} in {city} on {day}.",
    "{s1} accused {s2} of sheltering militants near the border.",
    "{group} attacked a police post in {city}, killing four officers.",
    "{s2} rejected the accusation and called for talks.",
    "{person}, the {title} of {s1}, said the talks would resume next week.",
    "{s1} and {s2} agreed to exchange prisoners before the end of the month.",
    "The government of {s1} imposed sanctions on {group}.",
    "{group}, which is based in {s2}, denied any role in the attack.",
    "Officials in {city} said {s1} had sent troops to the frontier.",
    "{s2} threatened to expel the ambassador of {s1} if the strikes continued.",
    "{s1} pledged humanitarian aid to {s2} after the floods.",
    "Protesters gathered outside the embassy of {s1} in {city}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_text(words: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = []
        for _ in range(rnd.randint(3, 6)):
            s1, s2 = rnd.sample(STATES, 2)
            sentence = rnd.choice(SENTENCES).format(
                s1=s1, s2=s2, city=rnd.choice(CITIES), group=rnd.choice(GROUPS), title=rnd.choice(TITLES),
                person=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", day=rnd.choice(DAYS))
            para.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(para))
    return "\n\n".join(paragraphs) + "\n"


def peak_rss_mb(args: list[str]) -> tuple[float, float, int]:
    """Peak RSS (MB) and wall time of a command run in its own process, and its exit status."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.monotonic() - start, proc.returncode


EXTRACT_ONLY = """
import sys
from kg.pipeline import extract_all
from kg.types import Source
text = open(sys.argv[1], encoding="utf-8").read()
print(sum(len(getattr(r, "result", r).triples) for r in extract_all([Source("long", text)], jobs=1)))
"""


def main(sizes: list[int], extract_only: bool = False) -> int:
    kg = str(Path(sys.executable).parent / "kg")
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        for words in sizes:
            doc = Path(tmp) / f"long-{words}.txt"
            doc.write_text(make_text(words))
            if extract_only:
                command = [sys.executable, "-c", EXTRACT_ONLY, str(doc)]
            else:
                command = [kg, "build", str(doc), "--store", str(Path(tmp) / f"store-{words}"), "--jobs", "1", "--quiet"]
            peak, seconds, code = peak_rss_mb(command)
            if code != 0:
                print(f"{words:>9,} words: failed (exit status {code})")
                return 1
            peaks[words] = peak
            print(f"{words:>9,} words ({doc.stat().st_size / 1e6:.1f} MB of text): peak RSS {peak:,.0f} MB, "
                  f"{seconds:,.0f} s ({words / seconds:,.0f} words/s)", flush=True)
    if len(peaks) > 1:
        small, large = min(peaks), max(peaks)
        ratio = peaks[large] / peaks[small]
        what = "parse and extract" if extract_only else "kg build --store"
        print(f"{what}: peak RSS ratio {large:,} / {small:,} words: {ratio:.2f} (goal: at most 1.5)")
        return 0 if ratio <= 1.5 else 1
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    only = "--extract-only" in args
    sys.exit(main([int(a) for a in args if a != "--extract-only"] or [100_000, 2_000_000], extract_only=only))
