"""Compare what QA finds with what an earlier version found, on varied pairs.

Run with the earlier code first, then with the current code:

    PYTHONPATH=/path/to/old/checkout .venv/bin/python benchmarks/qa_compare.py --record old.json
    .venv/bin/python benchmarks/qa_compare.py --compare old.json

The pairs: every data shape of qa_shapes.py with a 2,000-term base, the aligned Korean-English
dev sets of ../shared/corpus/parallel in both directions (as they are, and with numbers, terms,
tags and placeholders changed), each checked with every check. The comparison prints the
differences per check and exits 1 if a check other than wrong_language differs (the language
check may change by design: benchmarks/langid.py measures it); the language check's
differences are listed apart.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from qa_shapes import SHAPES, make_concepts, make_pairs

from workbench.domain.checks import CheckContext, Pair, run_checks
from workbench.domain.matching import TermIndex

REPO = Path(__file__).resolve().parents[1]
PARALLEL = {
    "korean-english-jhe": "jhe-koen-dev",
    "korean-english-news-v1": "korean-english-park.dev",
}
LANGUAGE_CHECK = "wrong_language"


def corpus_pairs(shared: Path, rng: random.Random) -> list[Pair]:
    """The aligned dev sets both ways, as they are and with planted changes."""
    pairs: list[Pair] = []
    for folder, stem in PARALLEL.items():
        base = shared / "corpus" / "parallel" / folder
        if not base.is_dir():
            continue
        ko = (base / f"{stem}.ko").read_text(encoding="utf-8").splitlines()
        en = (base / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        for source, target in zip(ko, en, strict=False):
            for pair in ((source, target, "ko", "en"), (target, source, "en", "ko")):
                pairs.append(Pair(*pair, len(pairs) + 1, f"c{len(pairs) + 1}"))
                changed = _changed(pair[1], rng)
                if changed != pair[1]:
                    pairs.append(Pair(pair[0], changed, *pair[2:], len(pairs) + 1))
    return pairs


def _changed(text: str, rng: random.Random) -> str:
    """A target with a planted difference: a digit, a word dropped, a tag, a placeholder."""
    choice = rng.randrange(6)
    if choice == 0:
        return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in text)
    words = text.split()
    if choice == 1 and len(words) > 2:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    if choice == 2:
        return f"<b>{text}</b>"
    if choice == 3:
        return f"{text} %s"
    if choice == 4:
        return text.upper()
    return text.rstrip(".!?。") + ("" if rng.random() < 0.5 else "!!")


def all_pairs(shared: Path) -> tuple[dict[str, list[Pair]], TermIndex]:
    """The varied pairs by group, and the term base their checks use."""
    concepts = make_concepts(2000, random.Random(5))
    groups = {shape: make_pairs(shape, 3000, concepts, seed=17) for shape in SHAPES}
    groups["corpus"] = corpus_pairs(shared, random.Random(3))
    return groups, TermIndex(concepts)


def issues(groups: dict[str, list[Pair]], index: TermIndex) -> dict[str, list[list[object]]]:
    """Every issue of every group, as plain lists."""
    found: dict[str, list[list[object]]] = {}
    for name, pairs in groups.items():
        context = CheckContext(resources={"terms": index})
        found[name] = [
            [i.check, i.severity.value, i.message, i.position, i.unit_id]
            for i in run_checks(pairs, context)
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    groups, index = all_pairs(args.shared)
    found = issues(groups, index)
    if args.record:
        args.record.write_text(json.dumps(found, ensure_ascii=False))
        counts = {name: len(items) for name, items in found.items()}
        print(json.dumps({"pairs": {k: len(v) for k, v in groups.items()}, "issues": counts}))
        return
    if not args.compare:
        parser.error("give --record or --compare")
    before = json.loads(args.compare.read_text())
    differing: Counter[str] = Counter()
    language: Counter[str] = Counter()
    for name, items in found.items():
        old = Counter(json.dumps(item, ensure_ascii=False) for item in before.get(name, []))
        new = Counter(json.dumps(item, ensure_ascii=False) for item in items)
        for item, sign in [*((i, "-") for i in old - new), *((i, "+") for i in new - old)]:
            check = json.loads(item)[0]
            if check == LANGUAGE_CHECK:
                language[f"{name} {sign}"] += 1
            else:
                differing[f"{name} {check} {sign}"] += 1
                if sum(differing.values()) <= 20:
                    print(sign, name, item)
    total = sum(len(items) for items in found.values())
    print(json.dumps({"issues": total, "differences": differing, "wrong_language": language}))
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
