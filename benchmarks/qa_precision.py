"""Benchmark: how often each QA check flags real, finished translations (false-alarm rate).

Run: .venv/bin/python benchmarks/qa_precision.py [--shared DIR] [--samples DIR] [--json]

Sets, each checked as the user's `workbench qa` checks them (every registered check, the
document checks per document; the term checks have no term base here and find nothing):
- jhe: the korean-english-jhe dev set (720 lines), a close translation: Korean source,
  English target, checked as one document;
- news: the korean-english-news-v1 dev set (1,000 lines), loosely aligned news: many of its
  flags are real divergences of the two texts, so it is reported apart;
- files: every translated XLIFF, SDLXLIFF and PO file of ../shared/corpus (units with a
  target), each checked through services.run_qa as `workbench qa FILE` would;
- tmx: the translation memories of ../shared/corpus/tmx (every language pair they hold),
  except XuanZang.tmx;
- xuanzang: XuanZang.tmx, six languages (ko and zh-CN among them) in every direction; its units
  are aligned by paragraph, not sentence (one language's unit often holds a sentence more), so
  like news it is reported apart.

For each check and set: segments flagged per 1,000 segments with a target. --samples DIR
writes, per set and check, 20 flagged segments spread evenly over the set (position, message,
source, target), to be read by a person: the goal (issue 13) is no check above 5 per 1,000
on clean professional translations (jhe, files, tmx) unless every flag of its sample is a real
problem.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench import services
from workbench.domain.checks import CHECKS, DOCUMENT_CHECKS, CheckContext, Issue, Pair, run_checks
from workbench.domain.document import plain_text

REPO = Path(__file__).resolve().parents[1]
PARALLEL = {
    "jhe": ("korean-english-jhe", "jhe-koen-dev"),
    "news": ("korean-english-news-v1", "korean-english-park.dev"),
}
FILE_FOLDERS = ("xliff", "sdlxliff", "po", "mqxliff")
FILE_SUFFIXES = frozenset({".xlf", ".xliff", ".sdlxliff", ".po", ".mqxliff"})
TARGET_LANGS = {"af-pootle.po": "af", "zh-Hans.xliff": "zh-Hans"}
"""Target languages given as a user would with --target-lang: af-pootle.po names none, and the
navcog zh-Hans.xliff declares ko for its Simplified Chinese targets (wrong_language rightly flags
every one of them when it is checked as the file says)."""
LOOSE = frozenset({"news", "xuanzang"})
"""Sets whose flags are often real divergences of loosely aligned texts."""
SAMPLE = 20
XUANZANG = "XuanZang.tmx"


@dataclass
class Checked:
    """One set's pairs (with targets) and the issues every check found in them."""

    name: str
    pairs: dict[tuple[str, int], Pair] = field(default_factory=dict)
    """By (document, position)."""
    issues: list[tuple[str, Issue]] = field(default_factory=list)
    """(document, issue) in the order found."""
    skipped: list[str] = field(default_factory=list)
    """Files the reader refused, with the reason."""

    def add(self, document: str, pairs: Iterable[Pair], issues: Iterable[Issue]) -> None:
        """Keep a document's pairs that have a target and the issues found in them."""
        kept = {p.position: p for p in pairs if p.target.strip() and p.source.strip()}
        for position, pair in kept.items():
            self.pairs[document, position] = pair
        self.issues.extend((document, i) for i in issues if i.position in kept)

    def flagged(self) -> dict[str, list[tuple[str, Issue]]]:
        """By check: the first issue of each segment it flags, in order."""
        seen: set[tuple[str, str, int]] = set()
        by_check: dict[str, list[tuple[str, Issue]]] = defaultdict(list)
        for document, issue in self.issues:
            key = (issue.check, document, issue.position)
            if key not in seen:
                seen.add(key)
                by_check[issue.check].append((document, issue))
        return by_check


def parallel_set(shared: Path, name: str) -> Checked:
    """A line-aligned Korean-English set, Korean as source, checked as one document."""
    folder, stem = PARALLEL[name]
    base = shared / "corpus" / "parallel" / folder
    korean = (base / f"{stem}.ko").read_text(encoding="utf-8").split("\n")
    english = (base / f"{stem}.en").read_text(encoding="utf-8").split("\n")
    pairs = [
        Pair(ko, en, "ko", "en", position)
        for position, (ko, en) in enumerate(zip(korean, english, strict=True), 1)
        if ko.strip() or en.strip()
    ]
    checked = Checked(name)
    checked.add(stem, pairs, run_checks(pairs, CheckContext()))
    return checked


def file_set(db: services.Database, name: str, paths: Sequence[Path], shared: Path) -> Checked:
    """Each file checked as `workbench qa FILE` checks it (no term base)."""
    checked = Checked(name)
    for path in paths:
        document = str(path.relative_to(shared / "corpus"))
        try:
            report = services.run_qa(db, str(path), target_lang=TARGET_LANGS.get(path.name))
        except (services.FormatError, services.UsageError) as error:
            checked.skipped.append(f"{document}: {str(error).splitlines()[0][:100]}")
            continue
        checked.add(document, report.pairs, report.issues)
    return checked


def corpus_files(shared: Path, folders: Sequence[str], suffixes: Iterable[str]) -> list[Path]:
    """The files of the corpus folders with those suffixes, in a stable order."""
    wanted = frozenset(suffixes)
    return sorted(
        path
        for folder in folders
        for path in (shared / "corpus" / folder).rglob("*")
        if path.is_file() and path.suffix.lower() in wanted and "invalid" not in path.parts
    )


def spread(items: Sequence[tuple[str, Issue]], count: int) -> list[tuple[str, Issue]]:
    """count items evenly spread over items (all of them when there are fewer)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(index * step)] for index in range(count)]


def per_thousand(count: int, total: int) -> float:
    """count per 1,000 of total."""
    return 1000 * count / total if total else 0.0


def table(sets: Sequence[Checked]) -> str:
    """A markdown table: check, then flagged segments per 1,000 (and the count) per set."""
    header = "| check | " + " | ".join(f"{s.name} ({len(s.pairs):,})" for s in sets) + " |"
    lines = [header, "|---" * (len(sets) + 1) + "|"]
    flagged = [s.flagged() for s in sets]
    for check_id in [*CHECKS, *DOCUMENT_CHECKS]:
        cells = []
        for checked, by_check in zip(sets, flagged, strict=True):
            count = len(by_check.get(check_id, []))
            rate = per_thousand(count, len(checked.pairs))
            cell = f"{rate:.1f} ({count})" if count else "0"
            cells.append(f"**{cell}**" if rate > 5 and checked.name not in LOOSE else cell)
        lines.append(f"| `{check_id}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_samples(sets: Sequence[Checked], folder: Path) -> None:
    """Per set and check, SAMPLE flagged segments spread over the set, for a person to judge."""
    folder.mkdir(parents=True, exist_ok=True)
    for checked in sets:
        for check_id, flagged in checked.flagged().items():
            lines = [f"# {checked.name} · {check_id}: {len(flagged)} segments flagged", ""]
            for document, issue in spread(flagged, SAMPLE):
                pair = checked.pairs[document, issue.position]
                lines += [
                    f"{document} #{issue.position}: {issue.message}",
                    f"  source [{pair.source_lang}]: {plain_text(pair.source)}",
                    f"  target [{pair.target_lang}]: {plain_text(pair.target)}",
                    "",
                ]
            (folder / f"{checked.name}.{check_id}.txt").write_text("\n".join(lines), "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Check every set, print the table (or JSON) and, with --samples, write the samples."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--samples", type=Path, help="folder for the flagged samples")
    parser.add_argument("--json", action="store_true", help="print per-set counts as JSON")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"{args.shared / 'corpus'} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = services.open_database(f"sqlite:///{Path(tmp) / 'empty.sqlite'}")
        tmx = corpus_files(args.shared, ("tmx",), {".tmx"})
        try:
            sets = [
                parallel_set(args.shared, "jhe"),
                parallel_set(args.shared, "news"),
                file_set(
                    db,
                    "files",
                    corpus_files(args.shared, FILE_FOLDERS, FILE_SUFFIXES),
                    args.shared,
                ),
                file_set(db, "tmx", [p for p in tmx if p.name != XUANZANG], args.shared),
                file_set(db, "xuanzang", [p for p in tmx if p.name == XUANZANG], args.shared),
            ]
        finally:
            db.dispose()
    if args.samples:
        write_samples(sets, args.samples)
    if args.json:
        shown = {
            s.name: {
                "segments": len(s.pairs),
                "flagged": {c: len(f) for c, f in sorted(s.flagged().items())},
                "skipped": s.skipped,
            }
            for s in sets
        }
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    print(table(sets))
    for checked in sets:
        for reason in checked.skipped:
            print(f"skipped ({checked.name}): {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
