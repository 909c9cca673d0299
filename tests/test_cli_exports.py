"""A failed export says so in one line, exits 2 and leaves no file: not even a partial one.

OUT is a folder, lies under /proc or /sys, sits in a read-only folder, or the disk fills up
(the file-size limit of the process, RLIMIT_FSIZE, stands in for a full disk: the write fails
the same way, with EFBIG instead of ENOSPC). An older OUT must survive untouched.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests_support import run

from workbench import services

CONCEPTS = 2_000
SEGMENTS = 1_500
UNITS = 1_000
FILE_SIZE_LIMIT = 36 * 1024
"""Above SQLite's 32 KiB shared-memory file, below every export of the data below."""
OLD = "an older export that must survive\n"


def _glossary_csv(path: Path) -> Path:
    rows = [f"시험 용어 {i},test term number {i}" for i in range(CONCEPTS)]
    path.write_text("ko,en\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _po(path: Path) -> Path:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    entries = [
        f'msgid "시험 문장 {i}번입니다."\nmsgstr "Test sentence number {i}."\n'
        for i in range(SEGMENTS)
    ]
    path.write_text(header + "\n".join(entries), encoding="utf-8")
    return path


def _tmx(path: Path) -> Path:
    units = "".join(
        f'<tu><tuv xml:lang="ko"><seg>번역 메모리 문장 {i}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Memory sentence {i}</seg></tuv></tu>\n'
        for i in range(UNITS)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ko" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A term base, a translated document (sample.po) and a memory, each exporting > 36 KiB."""
    folder = tmp_path_factory.mktemp("exports")
    path = folder / "full.sqlite"
    db = services.open_database(f"sqlite:///{path}")
    try:
        services.import_glossary(db, _glossary_csv(folder / "terms.csv"))
        services.import_document(db, _po(folder / "sample.po"), source_lang="ko", target_lang="en")
        services.tm_import(db, _tmx(folder / "memory.tmx"))
    finally:
        db.dispose()
    return path


def _export_args(kind: str, out: Path) -> list[str]:
    if kind == "glossary":
        return ["glossary", "export", str(out), "--langs", "ko,en"]
    if kind == "document":
        return ["export", "sample.po", str(out)]
    return ["tm", "export", str(out), "--source-lang", "ko"]


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def _workbench(
    db: Path, args: list[str], preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=preexec,
    )


def _assert_refused(done: subprocess.CompletedProcess[str], out: Path, reason: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"workbench: error: {out}: cannot write: {reason}\n"


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("glossary", "terms.csv"),
        ("glossary", "terms.tsv"),
        ("glossary", "terms.tbx"),
        ("glossary", "terms.xlsx"),
        ("glossary", "terms.txt"),  # OmegaT
        ("document", "sample.po"),
        ("document", "sample.xlf"),
        ("document", "sample.tmx"),
        ("document", "sample.csv"),
        ("document", "sample.txt"),
        ("memory", "memory.tmx"),
    ],
)
def test_a_full_disk_is_one_line_and_keeps_the_older_file(
    full_db: Path, tmp_path: Path, kind: str, name: str
) -> None:
    out = tmp_path / name
    done = _workbench(full_db, _export_args(kind, out))
    assert done.returncode == 0, done.stderr  # the data does export
    assert out.stat().st_size > FILE_SIZE_LIMIT  # and is bigger than the limit below
    out.write_text(OLD, encoding="utf-8")
    done = _workbench(full_db, _export_args(kind, out), preexec=_limit_file_size)
    _assert_refused(done, out, "file too large (over the file size limit)")
    assert out.read_text(encoding="utf-8") == OLD
    assert sorted(tmp_path.iterdir()) == [out]  # no temporary file left beside it


@pytest.mark.parametrize("kind", ["glossary", "document", "memory"])
def test_out_that_cannot_be_a_file_is_one_line(
    capsys: pytest.CaptureFixture[str], full_db: Path, tmp_path: Path, kind: str
) -> None:
    extension = ".csv" if kind == "glossary" else ".tmx"
    folder = tmp_path / f"out{extension}"
    folder.mkdir()
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    for out, reasons in [
        (folder, ("is a directory",)),
        (a_file / f"out{extension}", ("file exists",)),  # its folder would have to be a file
        (Path(f"/proc/workbench-export{extension}"), ("no such file or directory",)),
        (Path(f"/sys/workbench-export{extension}"), ("permission denied", "read-only file system")),
    ]:
        code, stdout, err = run(capsys, "--db", str(full_db), *_export_args(kind, out))
        assert code == 2 and stdout == ""
        assert err in {f"workbench: error: {out}: cannot write: {reason}\n" for reason in reasons}
        assert not out.is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == [folder.name, "plain.txt"]
    assert list(folder.iterdir()) == []


def _without_root_override() -> None:
    """Drop root's licence to write anywhere, so that a read-only folder is read-only for it."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_a_read_only_folder_is_one_line(full_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        try:
            probe = _workbench(full_db, ["docs"], preexec=_without_root_override)
        except subprocess.SubprocessError as error:
            pytest.skip(f"root cannot give up its write override here: {error}")
        assert probe.returncode == 0, probe.stderr
        for kind, name in [("glossary", "terms.csv"), ("document", "sample.xlf")]:
            out = folder / name
            done = _workbench(full_db, _export_args(kind, out), preexec=_without_root_override)
            _assert_refused(done, out, "permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("glossary", "terms.csv"),
        ("glossary", "terms.tbx"),
        ("glossary", "terms.xlsx"),
        ("document", "sample.po"),
        ("document", "sample.xlf"),
        ("memory", "memory.tmx"),
    ],
)
def test_an_export_honours_the_umask(
    full_db: Path, tmp_path: Path, kind: str, name: str, umask: int, mode: int
) -> None:
    out = tmp_path / name
    done = _workbench(full_db, _export_args(kind, out), preexec=lambda: os.umask(umask) and None)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == mode  # not mkstemp's -rw------- for everyone


def test_an_export_over_a_file_keeps_its_permissions(full_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "terms.csv"
    out.write_text(OLD, encoding="utf-8")
    out.chmod(0o664)  # shared with the group on purpose
    done = _workbench(
        full_db, _export_args("glossary", out), preexec=lambda: os.umask(0o077) and None
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o664
