"""A database named by its path opens that file, whatever characters its name holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from workbench import services, settings
from workbench.domain.model import Term
from workbench.storage.engine import open_database


@pytest.mark.parametrize("name", ["q?x.db", "pct%41.db", "100%.db", "a%20b.db", "h#1 한글.db"])
def test_a_path_names_that_very_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    url = settings.url_from_path_or_url(str(path))
    assert make_url(url).database == str(path)
    db = open_database(url)
    try:
        services.add_concept(db, [Term("ko", "센스타임"), Term("en", "SenseTime")])
    finally:
        db.dispose()
    assert path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(name)) == []
    hits = services.load_term_index_at(url).find("센스타임은", "ko")
    assert [hit.term for hit in hits] == ["센스타임"]
