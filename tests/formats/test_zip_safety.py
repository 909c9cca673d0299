"""The zip preflight every zip-based format opens its package with: bombs, unsafe names,
encryption and damage are refused from the central directory, before anything is inflated."""

from __future__ import annotations

import random
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from workbench.domain.limits import Limits
from workbench.formats.base import FormatError
from workbench.formats.zip_safety import OLE_MAGIC, open_member, open_zip_package, read_member

BOMB = Path("corpus/hostile/workbench/zipbomb-1GiB-cell.xlsx")


def package(tmp_path: Path, members: dict[str, bytes], name: str = "p.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def refused(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(FormatError) as caught, open_zip_package(path, limits):
        pass
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_a_sound_package_opens_and_its_members_read(tmp_path: Path) -> None:
    path = package(tmp_path, {"a.xml": b"<a/>", "dir/b.xml": b"<b/>" * 1000})
    with open_zip_package(path) as archive:
        assert read_member(archive, "a.xml", path) == b"<a/>"
        with open_member(archive, "dir/b.xml", path) as stream:
            assert stream.read() == b"<b/>" * 1000


def test_the_hostile_zip_bomb_is_refused_at_once_with_the_limit_named(shared: Path) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    message = refused(shared / BOMB)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "part xl/worksheets/sheet1.xml" in message
    assert "over the limit of 268,435,456 (limit zip_member" in message
    assert elapsed < 1 and peak < 5 << 20
    ratio_only = Limits(zip_member=2 << 30, zip_total=4 << 30)
    assert "limit zip_ratio" in refused(shared / BOMB, ratio_only)
    assert "limit zip_total" in refused(
        shared / BOMB, Limits(zip_member=2 << 30, zip_total=1 << 29, zip_ratio=10_000)
    )


def test_a_highly_compressible_member_over_the_ratio_is_refused(tmp_path: Path) -> None:
    path = package(tmp_path, {"sheet.xml": b"\0" * (4 << 20)})
    assert "inflates" in refused(path) and "a zip bomb?" in refused(path)
    small = package(tmp_path, {"small.xml": b"\0" * (512 << 10)}, "small.zip")
    with open_zip_package(small) as archive:  # under 1 MiB: any ratio is harmless
        assert len(archive.read("small.xml")) == 512 << 10


@pytest.mark.parametrize(
    "name", ["../evil.xml", "a/../../evil.xml", "/etc/passwd", "C:/x.xml", "..\\evil.xml"]
)
def test_member_names_that_could_escape_a_folder_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"x")
    assert "unsafe name" in refused(path)


def test_a_member_named_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.xml", b"one")
        archive.writestr("a.xml", b"two")
    assert "part a.xml: appears twice" in refused(path)


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = package(tmp_path, {f"m{n}.xml": b"x" for n in range(11)})
    assert "limit zip_members" in refused(path, Limits(zip_members=10))


def test_an_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = package(tmp_path, {"a.xml": b"<a/>"})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0]
    struct.pack_into("<H", data, central + 8, flags | 1)
    path.write_bytes(bytes(data))
    assert "part a.xml: is encrypted" in refused(path)


def test_a_password_protected_office_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE_MAGIC + b"\0" * 600)
    assert "password-protected" in refused(path)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really", b"plain text\n" * 10])
def test_what_is_not_a_zip_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    assert "not a zip package" in refused(path)


def test_a_damaged_member_is_a_format_error_naming_it(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(20_000).hex().encode()
    path = package(tmp_path, {"a.xml": b"<a>" + noise + b"</a>"})
    data = bytearray(path.read_bytes())
    start = data.index(b"a.xml") + len(b"a.xml") + 20
    data[start : start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    with open_zip_package(path) as archive:
        with pytest.raises(FormatError, match=r"part a\.xml: is damaged"):
            read_member(archive, "a.xml", path)
        with pytest.raises(FormatError, match=r"part a\.xml: is damaged"):  # noqa: SIM117
            with open_member(archive, "a.xml", path) as stream:
                stream.read()
        with pytest.raises(FormatError, match=r"part b\.xml: is missing"):
            read_member(archive, "b.xml", path)


def test_a_package_with_bytes_cut_out_is_refused_not_a_traceback(tmp_path: Path) -> None:
    # found by the fuzzer: offsets in the central directory then point before the file start
    noise = random.Random(3).randbytes(4000).hex().encode()
    path = package(tmp_path, {"a.xml": noise, "b.xml": noise})
    data = path.read_bytes()
    path.write_bytes(data[:100] + data[2100:])
    with pytest.raises(FormatError) as caught, open_zip_package(path) as archive:
        for name in archive.namelist():
            read_member(archive, name, path)
    assert "\n" not in str(caught.value)
