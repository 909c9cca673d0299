"""Benchmark: translation-memory lookups over 1,000,000 (and 100,000) generated units.

Run: .venv/bin/python benchmarks/tm.py [--units 1000000 100000] [--queries 200]
     .venv/bin/python benchmarks/tm.py --concordance [--units 1000000] [--db URL]

Units are Korean, Chinese and English sentences built from syllable and word lists with
Zipf-like frequencies (Korean with particles, numbers and glossed names), about a third of
them near-duplicates of earlier ones (words replaced, inserted or dropped), in three language
pairs (ko-en 40 %, zh-ko 30 %, en-ko 30 %). Queries are edited copies of stored sources
(lightly and heavily), exact copies (some with changed case and spacing) and new sentences.
The baseline is rapidfuzz `process.extract` over every source of the query's language pair,
in the same run; recall@5 counts a returned unit as right when its ratio reaches the
baseline's fifth (ties are equally right). Each size runs in a fresh process, so that its
peak memory is its own; results go to benchmarks/out/tm.json.

--concordance stores the units in a database (a new SQLite file, or --db URL, emptied first),
index included, and times `services.concordance` for words and phrases taken from stored
units, by shape: a Korean word with its particle, a glossed Korean name, a Chinese word, an
English word in the plural, a two-word English phrase, and the commonest English word. The
baseline, in the same run, is the plain way: `LIKE '%text%'` over sources and targets (no
folding). Results go to benchmarks/out/tm_concordance.json.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import multiprocessing
import random
import resource
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.domain.memory import TmIndex, TmMatch, TmUnit, normalise_for_match

PAIRS = (("ko", "en", 0.4), ("zh", "ko", 0.3), ("en", "ko", 0.3))
MINIMUM = 70
LIMIT = 5

Words = list[str]
Query = tuple[str, str, str, str]
"""(kind, source language, target language, text)"""
Timings = tuple[list[float], list[float]]


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for count items, as random.choices wants them."""
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


class Vocabulary:
    """Words of one language with Zipf frequencies, and the sentence shape of the language."""

    def __init__(self, lang: str, words: Words, extra: Sequence[str], rng: random.Random) -> None:
        self.lang = lang
        self.words = words
        self.weights = zipf_weights(len(words))
        self.extra = list(extra)  # particles (ko), function words (en), none (zh)
        self.rng = rng

    def word(self) -> str:
        """One word drawn by frequency, sometimes a number."""
        rng = self.rng
        if rng.random() < 0.06:
            return number(self.lang, rng)
        return rng.choices(self.words, cum_weights=self.weights)[0]

    def sentence(self) -> Words:
        """A new sentence as a list of words."""
        rng = self.rng
        if self.lang == "ko":
            count = rng.randint(4, 11)
            words = [self.word() + rng.choice(self.extra) for _ in range(count)]
            return [*words, rng.choice(KO_ENDINGS)]
        if self.lang == "zh":
            count = rng.randint(6, 18)
            words = [self.word() + ("，" if rng.random() < 0.08 else "") for _ in range(count)]
            return [*words, "。"]
        count = rng.randint(7, 20)
        words = [
            rng.choice(self.extra) if rng.random() < 0.45 else self.word() for _ in range(count)
        ]
        words[0] = words[0].capitalize()
        return [*words[:-1], words[-1] + "."]

    def edit(self, words: Words, edits: int) -> Words:
        """A near-duplicate: edits words replaced, inserted or dropped (never the last)."""
        rng = self.rng
        changed = list(words)
        for _ in range(edits):
            position = rng.randrange(max(len(changed) - 1, 1))
            action = rng.random()
            if action < 0.5 or len(changed) < 3:
                changed[position] = self.word()
            elif action < 0.8:
                changed.insert(position, self.word())
            else:
                del changed[position]
        return changed

    def text(self, words: Words) -> str:
        """The sentence as text."""
        return "".join(words) if self.lang == "zh" else " ".join(words)


KO_PARTICLES = ["은", "는", "이", "가", "을", "를", "의", "에", "에서", "와", "도", "로", ""]
KO_ENDINGS = ["발표했다.", "밝혔다.", "전했다.", "설명했다.", "강조했다.", "있다.", "예정이다."]
EN_FUNCTION = (
    "the of and to in a is for on that with by as at from its was has are be it this an "
    "will new which said have more than into over also their about after"
).split()


def number(lang: str, rng: random.Random) -> str:
    """A number in the language's usual shapes (3천200억, 8월 15일, 2025年, 320 billion)."""
    value = rng.randint(1, 999)
    if lang == "ko":
        return rng.choice(
            [f"{value}억", f"{rng.randint(1, 12)}월 {rng.randint(1, 28)}일", f"{value}만"]
        )
    if lang == "zh":
        return rng.choice([f"{value}亿", f"{2000 + value % 30}年", f"{value}%"])
    return rng.choice([f"{value}", f"{value} billion", f"{value}%"])


def make_vocabularies(rng: random.Random) -> dict[str, Vocabulary]:
    """Korean, Chinese and English vocabularies built from syllable and character lists."""
    syllables = [chr(0xAC00 + rng.randrange(11172)) for _ in range(900)]
    syllable_weights = zipf_weights(len(syllables), 0.9)
    hanzi = [chr(0x4E00 + rng.randrange(0x5000)) for _ in range(3500)]
    hanzi_weights = zipf_weights(len(hanzi), 0.9)
    latin = "ba be bi bo cal cen con de di dor en er ex fa fi for gen ia in ka la le li lo ma me "
    latin += "mi mo na ne ni no or pa pe po pro ra re ri ro sa se si so ta te ti tion to tra ve vi"
    parts = latin.split()

    def draw(pool: list[str], weights: list[float], low: int, high: int) -> str:
        return "".join(rng.choices(pool, cum_weights=weights, k=rng.randint(low, high)))

    korean = list(dict.fromkeys(draw(syllables, syllable_weights, 1, 4) for _ in range(30_000)))
    glossed = [
        f"{draw(syllables, syllable_weights, 3, 6)}({rng.choice(parts).title()}"
        f"{rng.choice(parts)} {draw(hanzi, hanzi_weights, 2, 4)})"
        for _ in range(2_000)
    ]
    chinese = list(dict.fromkeys(draw(hanzi, hanzi_weights, 1, 3) for _ in range(30_000)))
    english = list(
        dict.fromkeys("".join(rng.choices(parts, k=rng.randint(1, 4))) for _ in range(20_000))
    )
    for name in glossed:  # names in parentheses, as Korean news glosses them
        korean.insert(rng.randrange(100, len(korean)), name)
    return {
        "ko": Vocabulary("ko", korean, KO_PARTICLES, rng),
        "zh": Vocabulary("zh", chinese, (), rng),
        "en": Vocabulary("en", english, EN_FUNCTION, rng),
    }


@dataclass
class Corpus:
    """Generated units with a pool of their word lists for making queries."""

    units: list[TmUnit]
    pool: dict[tuple[str, str], list[Words]]


def make_corpus(count: int, vocabularies: dict[str, Vocabulary], rng: random.Random) -> Corpus:
    """count units over the language pairs, a third of them near-duplicates of earlier ones."""
    pool: dict[tuple[str, str], list[Words]] = {(s, t): [] for s, t, _ in PAIRS}
    cumulative = list(itertools.accumulate(share for _, _, share in PAIRS))
    units = []
    for number_ in range(count):
        source_lang, target_lang, _ = rng.choices(PAIRS, cum_weights=cumulative)[0]
        vocabulary = vocabularies[source_lang]
        bases = pool[(source_lang, target_lang)]
        if bases and rng.random() < 0.35:
            words = vocabulary.edit(rng.choice(bases), rng.randint(1, 3))
        else:
            words = vocabulary.sentence()
        if len(bases) < 20_000:
            bases.append(words)
        elif rng.random() < 0.05:
            bases[rng.randrange(len(bases))] = words
        target = vocabularies[target_lang]
        units.append(
            TmUnit(
                id=number_ + 1,
                source_lang=source_lang,
                target_lang=target_lang,
                source=vocabulary.text(words),
                target=target.text(target.sentence()),
                origin="benchmark",
            )
        )
    return Corpus(units, pool)


def make_queries(
    corpus: Corpus, vocabularies: dict[str, Vocabulary], count: int, rng: random.Random
) -> list[Query]:
    """(kind, source_lang, target_lang, text): edited, exact and new sentences."""
    queries = []
    cumulative = list(itertools.accumulate(share for _, _, share in PAIRS))
    for _ in range(count):
        source_lang, target_lang, _ = rng.choices(PAIRS, cum_weights=cumulative)[0]
        vocabulary = vocabularies[source_lang]
        stored = rng.choice(corpus.pool[(source_lang, target_lang)])
        draw = rng.random()
        if draw < 0.3:
            kind, text = "edited", vocabulary.text(vocabulary.edit(stored, rng.randint(1, 3)))
        elif draw < 0.45:
            kind, text = (
                "heavily edited",
                vocabulary.text(vocabulary.edit(stored, rng.randint(4, 6))),
            )
        elif draw < 0.6:
            kind, text = "exact", vocabulary.text(stored)
            if rng.random() < 0.5:
                kind, text = "exact but spacing/case", "  " + text.upper().replace(" ", "  ")
        else:
            kind, text = "new", vocabulary.text(vocabulary.sentence())
        queries.append((kind, source_lang, target_lang, text))
    return queries


def rss_mb() -> float:
    """The current resident set size in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_mb() -> float:
    """The peak resident set size of the process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    """The value below which share of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def build(units: list[TmUnit]) -> tuple[TmIndex, dict[str, float]]:
    """The index of units, with its build time and memory."""
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = TmIndex()
    index.add_many(units)
    for source_lang, target_lang, _share in PAIRS:
        index.lookup("x", source_lang, target_lang)  # indexes what is still pending
    took = time.perf_counter() - started
    gc.collect()
    return index, {
        "build_s": round(took, 2),
        "index_rss_mb": round(rss_mb() - before),
        "peak_rss_after_build_mb": round(peak_mb()),
    }


def time_lookups(index: TmIndex, queries: list[Query]) -> tuple[list[list[TmMatch]], Timings]:
    """Our matches for each query, with wall-clock and CPU seconds per lookup."""
    results, wall, cpu = [], [], []
    for _kind, source_lang, target_lang, text in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = index.lookup(text, source_lang, target_lang, limit=LIMIT, minimum=MINIMUM)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        results.append(found)
    return results, (wall, cpu)


def brute_force(
    units: list[TmUnit], queries: list[Query]
) -> tuple[list[list[tuple[str, float, int]]], list[float]]:
    """The baseline's matches for each query (process.extract over the pair), and seconds."""
    by_pair: dict[tuple[str, str], list[str]] = {}
    for unit in units:
        key = (unit.source_lang, unit.target_lang)
        by_pair.setdefault(key, []).append(normalise_for_match(unit.source))
    results, seconds = [], []
    for _kind, source_lang, target_lang, text in queries:
        choices = by_pair[(source_lang, target_lang)]
        query = normalise_for_match(text)
        started = time.perf_counter()
        truth = process.extract(
            query, choices, scorer=fuzz.ratio, limit=LIMIT, score_cutoff=MINIMUM
        )
        seconds.append(time.perf_counter() - started)
        results.append(truth)
    return results, seconds


def recall(found: list[TmMatch], truth: list[tuple[str, float, int]]) -> float:
    """Share of the baseline's matches we return; a tie with its last one counts as right."""
    assert truth or not found, "a match the baseline does not see"
    floor = truth[-1][1]
    right = sum(1 for match in found if match.similarity >= floor - 1e-9)
    return min(right, len(truth)) / len(truth)


def milliseconds(seconds: list[float]) -> dict[str, float]:
    """Median, 95th percentile and maximum, in milliseconds."""
    return {
        "median": round(statistics.median(seconds) * 1000, 2),
        "p95": round(percentile(seconds, 0.95) * 1000, 2),
        "max": round(max(seconds) * 1000, 2),
    }


def run(count: int, queries_wanted: int, seed: int) -> dict[str, object]:
    """Generate, build, query and compare with the brute-force baseline."""
    rng = random.Random(seed)
    vocabularies = make_vocabularies(rng)
    started = time.perf_counter()
    corpus = make_corpus(count, vocabularies, rng)
    generate_s = time.perf_counter() - started
    queries = make_queries(corpus, vocabularies, queries_wanted, rng)
    index, building = build(corpus.units)
    ours, (wall, cpu) = time_lookups(index, queries)
    truths, brute = brute_force(corpus.units, queries)
    recalls: dict[str, list[float]] = {}
    for (kind, *_rest), found, truth in zip(queries, ours, truths, strict=True):
        if truth:
            recalls.setdefault(kind, []).append(recall(found, truth))
    every = [value for values in recalls.values() for value in values]
    return {
        "units": count,
        "pairs": dict(Counter(f"{u.source_lang}-{u.target_lang}" for u in corpus.units)),
        "budgets": {"posting": index.posting_budget, "verify": index.verify_budget},
        "generate_s": round(generate_s, 1),
        **building,
        "queries": len(queries),
        "queries_with_matches": len(every),
        "ours_ms": milliseconds(wall),
        "ours_cpu_ms": milliseconds(cpu),
        "brute_force_ms": milliseconds(brute),
        "speed_up_median": round(statistics.median(brute) / statistics.median(wall), 1),
        "recall_at_5": round(statistics.fmean(every), 4),
        "recall_by_kind": {k: round(statistics.fmean(v), 4) for k, v in sorted(recalls.items())},
        "queries_below_full_recall": sum(1 for value in every if value < 1),
        "peak_rss_mb": round(peak_mb()),
    }


def concordance_queries(units: Sequence[TmUnit], rng: random.Random, per_shape: int) -> list[Query]:
    """(shape, lang, "", text): words and phrases cut from stored units."""
    by_lang: dict[str, list[str]] = {"ko": [], "zh": [], "en": []}
    for unit in units[:: max(len(units) // 20_000, 1)]:
        by_lang[unit.source_lang].append(unit.source)
        by_lang[unit.target_lang].append(unit.target)
    queries: list[Query] = []
    for _ in range(per_shape):
        korean = rng.choice(by_lang["ko"]).split()
        queries.append(("ko word+particle", "ko", "", rng.choice(korean[:-1])))
        names = [w for w in " ".join(by_lang["ko"][:2000]).split() if "(" in w]
        if names:
            queries.append(("ko glossed name", "ko", "", rng.choice(names).split("(")[0]))
        chinese = rng.choice(by_lang["zh"]).rstrip("。")
        start = rng.randrange(max(len(chinese) - 3, 1))
        queries.append(("zh 2-3 chars", "zh", "", chinese[start : start + rng.randint(2, 3)]))
        english = [w.strip(".").lower() for w in rng.choice(by_lang["en"]).split()]
        content = [w for w in english if w not in EN_FUNCTION] or english
        queries.append(("en word, plural", "en", "", rng.choice(content) + "s"))
        at = rng.randrange(max(len(english) - 1, 1))
        queries.append(("en two words", "en", "", " ".join(english[at : at + 2])))
        queries.append(("en commonest word", "en", "", "the"))
    return queries


def run_concordance(
    count: int, per_shape: int, seed: int, url: str | None, reuse: bool
) -> dict[str, object]:
    """Store count units with their index (unless reuse: --db holds them from an earlier run),
    then time concordance searches and LIKE scans."""
    import tempfile

    from sqlalchemy import text

    from workbench import services
    from workbench.storage import memory

    rng = random.Random(seed)
    folder = tempfile.mkdtemp(prefix="concordance-")
    db = services.open_database(url or f"sqlite:///{folder}/tm.sqlite")
    store_s = None
    if reuse:
        with db.sessions() as session:
            top = session.execute(text("SELECT max(id) FROM tm_unit")).scalar_one()
            wanted = rng.sample(range(1, top + 1), min(20_000, top))
            units: Sequence[TmUnit] = list(memory.get_units(session, wanted).values())
            count = session.execute(text("SELECT count(*) FROM tm_unit")).scalar_one()
    else:
        corpus = make_corpus(count, make_vocabularies(rng), rng)
        units = corpus.units
        with db.sessions.begin() as session:
            session.execute(text("DELETE FROM tm_concordance"))
            session.execute(text("DELETE FROM tm_unit"))
        started = time.perf_counter()
        with db.sessions.begin() as session:
            memory.add_units(session, units)
        store_s = round(time.perf_counter() - started, 1)
    if db.engine.dialect.name == "postgresql":
        # the statistics autovacuum gathers soon after a bulk load: without them the planner
        # reads every match of a common word (442 ms median at 200,000 units instead of 10-100)
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE tm_concordance"))
            connection.execute(text("ANALYZE tm_unit"))
            connection.commit()
    queries = concordance_queries(units, rng, per_shape)
    services.concordance(db, "warm", "en")  # first use loads OpenCC and the folding tables
    ours: dict[str, list[float]] = {}
    baseline: dict[str, list[float]] = {}
    found: dict[str, list[int]] = {}
    like = text(
        "SELECT id FROM tm_unit WHERE source LIKE :pattern OR target LIKE :pattern "
        "ORDER BY id DESC LIMIT 400"
    )
    for shape, lang, _, query in queries:
        started = time.perf_counter()
        result = services.concordance(db, query, lang)
        ours.setdefault(shape, []).append(time.perf_counter() - started)
        found.setdefault(shape, []).append(result.unit_count)
        started = time.perf_counter()
        with db.sessions() as session:
            session.execute(like, {"pattern": f"%{query}%"}).all()
        baseline.setdefault(shape, []).append(time.perf_counter() - started)
    every = [value for values in ours.values() for value in values]
    plain = [value for values in baseline.values() for value in values]
    return {
        "units": count,
        "database": db.engine.dialect.name,
        "store_with_index_s": store_s,
        "queries": len(queries),
        "ours_ms": milliseconds(every),
        "like_scan_ms": milliseconds(plain),
        "speed_up_median": round(statistics.median(plain) / statistics.median(every), 1),
        "by_shape": {
            shape: {
                "ours_ms": milliseconds(ours[shape]),
                "like_scan_ms": milliseconds(baseline[shape]),
                "units_found_median": statistics.median(found[shape]),
            }
            for shape in ours
        },
    }


def run_store(count: int, seed: int, url: str | None, repeat: int) -> dict[str, object]:
    """Import count units into an empty database, then the same again (all present), with
    the concordance index; the baseline inserts the same rows with no key lookup (what an
    import did before one unit per key), in the same run."""
    import tempfile

    from sqlalchemy import insert, text

    from workbench import services
    from workbench.storage import concordance, memory
    from workbench.storage.schema import TmUnitRow

    rng = random.Random(seed)
    units = make_corpus(count, make_vocabularies(rng), rng).units
    folder = tempfile.mkdtemp(prefix="tm-store-")
    db = services.open_database(url or f"sqlite:///{folder}/tm.sqlite")

    def empty() -> None:
        with db.sessions.begin() as session:
            session.execute(text("DELETE FROM tm_concordance"))
            session.execute(text("DELETE FROM tm_unit"))

    def plain_insert() -> None:
        rows = [
            {
                "source_lang": u.source_lang, "target_lang": u.target_lang, "source": u.source,
                "target": u.target, "codes": [], "properties": [], "unit_key": u.key,
            }
            for u in units
        ]  # fmt: skip
        statement = insert(TmUnitRow).returning(TmUnitRow.id, TmUnitRow.source, TmUnitRow.target)
        with db.sessions.begin() as session:
            for start in range(0, len(rows), memory.BATCH_SIZE):
                stored = session.execute(statement, rows[start : start + memory.BATCH_SIZE])
                concordance.index_units(session, [tuple(row) for row in stored])

    def store() -> memory.StoreCounts:
        with db.sessions.begin() as session:
            return memory.store_units(session, units)

    first, again, baseline = [], [], []
    for _ in range(repeat):
        empty()
        started = time.perf_counter()
        plain_insert()
        baseline.append(time.perf_counter() - started)
        empty()
        started = time.perf_counter()
        added = store()
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        present = store()
        again.append(time.perf_counter() - started)
    assert added.added == len({u.key for u in units}) and present.added == 0
    return {
        "units": count,
        "database": db.engine.dialect.name,
        "repeat": repeat,
        "import_new_s": round(statistics.median(first), 2),
        "import_again_s": round(statistics.median(again), 2),
        "plain_insert_s": round(statistics.median(baseline), 2),
        "ratio_new_to_plain": round(statistics.median(first) / statistics.median(baseline), 2),
        "units_per_s_new": round(count / statistics.median(first)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, nargs="+", default=[1_000_000, 100_000])
    parser.add_argument("--concordance", action="store_true", help="Time concordance searches.")
    parser.add_argument("--store", action="store_true", help="Time TM import into a database.")
    parser.add_argument("--repeat", type=int, default=3, help="Repeats of --store.")
    parser.add_argument("--db", help="Database URL for --concordance/--store (emptied first).")
    parser.add_argument("--reuse", action="store_true", help="--db holds the units already.")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    results = []
    if args.store:
        for count in args.units:
            result = run_store(count, args.seed, args.db, args.repeat)
            print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
            results.append(result)
        args.out.mkdir(exist_ok=True)
        text = json.dumps({"runs": results}, indent=2, ensure_ascii=False)
        (args.out / "tm_store.json").write_text(text)
        return
    if args.concordance:
        for count in args.units:
            per_shape = max(args.queries // 6, 5)
            result = run_concordance(count, per_shape, args.seed, args.db, args.reuse)
            print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
            results.append(result)
        args.out.mkdir(exist_ok=True)
        text = json.dumps({"runs": results}, indent=2, ensure_ascii=False)
        (args.out / "tm_concordance.json").write_text(text)
        return
    for count in args.units:
        # A fresh process per size, so that each peak memory is its own.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            result = pool.apply(run, (count, args.queries, args.seed))
        print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
        results.append(result)
    args.out.mkdir(exist_ok=True)
    (args.out / "tm.json").write_text(json.dumps({"runs": results}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
