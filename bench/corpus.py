"""A generated news corpus for benchmarks: seed paragraphs and templated reports → JSONL records.

Deterministic for a given random seed. Articles recombine the paragraphs of ``seeds/*.txt`` with
generated paragraphs in the same register (officials meeting, accusing, sanctioning...), in which the
people, towns and groups get new names, so the vocabulary keeps growing as it would in a real archive.

    python bench/corpus.py articles 200000 > corpus.jsonl     # about 200,000 words
    python bench/corpus.py short 20000 > short.jsonl          # 20,000 one- or two-sentence documents
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STATES = [
    ("Pakistan", "Pakistani", "Islamabad"), ("India", "Indian", "New Delhi"), ("Afghanistan", "Afghan", "Kabul"),
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("Iran", "Iranian", "Tehran"),
    ("Saudi Arabia", "Saudi", "Riyadh"), ("Qatar", "Qatari", "Doha"), ("Turkey", "Turkish", "Ankara"),
    ("Somalia", "Somali", "Mogadishu"), ("Kenya", "Kenyan", "Nairobi"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Yemen", "Yemeni", "Sanaa"), ("Egypt", "Egyptian", "Cairo"), ("China", "Chinese", "Beijing"),
    ("Japan", "Japanese", "Tokyo"), ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Nigeria", "Nigerian", "Abuja"), ("Mali", "Malian", "Bamako"), ("Colombia", "Colombian", "Bogota"),
    ("the United States", "American", "Washington"), ("the United Kingdom", "British", "London"),
]
TITLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Interior Minister",
          "national security adviser", "army chief", "special envoy"]
GROUPS = ["Lashkar-e-Taiba", "al-Shabaab", "the Taliban", "Boko Haram", "the Houthis", "Hezbollah",
          "Jaish-e-Mohammed", "the Islamic State"]
ORGS = ["the United Nations", "NATO", "the African Union", "the European Union", "the Arab League"]
FIRST = ("Ahmed Ali Omar Hassan Tariq Imran Sergei Dmitri Olena Maria Wang Li Kenji Aiko Pierre Claire Hans Ingrid "
         "Amina Fatima Carlos Lucia Chinedu Ngozi Abdi Hodan Farid Leila John Sarah David Anna").split()
SYLLABLES = "ka ri mo sa lu ven dor tan bel ash qui zar ne po lin har gu fe da mir os tu".split()
VERBS = [
    ("met", "in {city} to discuss security cooperation"), ("accused", "of sheltering militants near the border"),
    ("threatened", "with new sanctions over the attack"), ("thanked", "for humanitarian aid after the floods"),
    ("criticized", "for its handling of the ceasefire talks"), ("urged", "to release the detained journalists"),
    ("praised", "for its role in the prisoner exchange"), ("warned", "against moving troops to the frontier"),
]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {_surname(rng)}"


def _day(rng: random.Random) -> str:
    return rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])


def generated_paragraph(rng: random.Random) -> str:
    """Three to five sentences about states, officials and groups, with fresh names."""
    sents = []
    for _ in range(rng.randint(3, 5)):
        (a, a_dem, a_cap), (b, _b_dem, b_cap) = rng.sample(STATES, 2)
        verb, tail = rng.choice(VERBS)
        official = _person(rng)
        kind = rng.randint(0, 3)
        if kind == 0:
            sents.append(f"{a_dem} {rng.choice(TITLES)} {official} {verb} {b} {tail.format(city=b_cap)} on {_day(rng)}.")
        elif kind == 1:
            group = rng.choice(GROUPS)
            town = _surname(rng)
            sents.append(f"Officials in {a_cap} said {group} fighters attacked a police post near {town}, "
                         f"and {official}, a spokesman for the group, claimed responsibility.")
        elif kind == 2:
            org = rng.choice(ORGS)
            sents.append(f"{org[0].upper()}{org[1:]} called on {a} and {b} to resume talks, "
                         f"{official}, a senior diplomat, told reporters in {rng.choice([a_cap, b_cap])}.")
        else:
            sents.append(f"{a} imposed sanctions on {b} after {official}, the {rng.choice(TITLES)}, "
                         f"rejected a proposal for a ceasefire.")
    return " ".join(sents)


def seed_paragraphs() -> list[str]:
    """Body paragraphs of seeds/*.txt (the title line dropped)."""
    paras = []
    for path in sorted(SEEDS.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        paras.extend(b for b in blocks[1:] if len(b.split()) >= 12)
    return paras


def articles(words: int, seed: int = 7) -> Iterator[dict]:
    """JSONL records of 150–600 words each until about ``words`` words in all."""
    rng = random.Random(seed)
    seeds = seed_paragraphs()
    day0 = date(2019, 1, 1)
    total = n = 0
    while total < words:
        n += 1
        paras = []
        target = rng.randint(150, 600)
        size = 0
        while size < target:
            p = rng.choice(seeds) if seeds and rng.random() < 0.6 else generated_paragraph(rng)
            paras.append(p)
            size += len(p.split())
        text = "\n\n".join(paras)
        total += size
        yield {"id": f"bench-{n:06d}", "title": paras[0].split(". ")[0][:80],
               "date": (day0 + timedelta(days=n % 900)).isoformat(), "text": text}


EVAL = SEEDS.parent.parent / "shared" / "eval"  # the development sets beside the checkout, when there


def real_texts() -> list[str]:
    """Real text: the seed articles (seeds/*.txt) and the development sets' texts (../shared/eval/*_dev.jsonl,
    when they are beside this checkout), each once."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for path in sorted(EVAL.glob("*_dev.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts.extend(t for line in fh if line.strip() and (t := json.loads(line).get("text")))
    return texts


def real_articles(words: int) -> Iterator[dict]:
    """JSONL records of the real texts (``real_texts``), repeated in order until about ``words`` words in all;
    each repetition has its own identifiers (a new document to the store, the same text to the parser)."""
    texts = real_texts()
    total = n = 0
    while texts and total < words:
        for text in texts:
            n += 1
            total += len(text.split())
            yield {"id": f"real-{n:06d}", "text": text}
            if total >= words:
                return


def short_docs(count: int, seed: int = 11) -> Iterator[dict]:
    """``count`` records of one short sentence (about 10 words) with a fresh name in each."""
    rng = random.Random(seed)
    for n in range(1, count + 1):
        (a, a_dem, _), (b, _, b_cap) = rng.sample(STATES, 2)
        verb, tail = rng.choice(VERBS)
        text = f"{a_dem} {rng.choice(TITLES)} {_person(rng)} {verb} {b} on {_day(rng)}."
        yield {"id": f"short-{n:06d}", "text": text}


def write_jsonl(records: Iterator[dict], path: str | Path) -> tuple[int, int]:
    """Write records one per line; returns (documents, words)."""
    docs = words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            docs += 1
            words += len(rec["text"].split())
    return docs, words


if __name__ == "__main__":
    kind, amount = sys.argv[1], int(sys.argv[2])
    recs = articles(amount) if kind == "articles" else short_docs(amount)
    for rec in recs:
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
