"""workbench.services names its use cases lazily: every name resolves, none is loaded early."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from workbench import services


def test_every_listed_name_resolves_to_the_object_in_its_module() -> None:
    homes = services._homes()
    assert len(homes) > 60 and homes["list_documents"] == "workbench.services.library"
    for name, module in homes.items():
        assert getattr(services, name) is getattr(importlib.import_module(module), name), name
    assert set(homes) <= set(dir(services))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_use_case"):
        services.no_such_use_case  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from workbench.services import no_such_use_case  # type: ignore[attr-defined]  # noqa: F401


def test_importing_the_package_loads_no_use_case_module() -> None:
    probe = (
        "import sys\nimport workbench.services\n"
        "print(sorted(m for m in sys.modules if m.startswith('workbench.services.')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
