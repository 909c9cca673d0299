"""Write the README's key tables from the screens' bindings (tests/tui/test_help.py checks them).

Run: .venv/bin/python scripts/readme_keys.py
"""

from __future__ import annotations

from pathlib import Path

from workbench.tui.help import with_key_tables

README = Path(__file__).resolve().parents[1] / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = with_key_tables(text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print(f"{README}: key tables updated")
    else:
        print(f"{README}: key tables up to date")


if __name__ == "__main__":
    main()
