"""Option values converted without pydantic where typer's conversion would change nothing.

typer 0.29 converts every parameter value through a pydantic TypeAdapter, built on the
parameter's first value, None included: the first command run imports pydantic and builds
adapters (about 0.1 s of CPU), which is a third of what `workbench docs` may take. A string
given for a plain `str` parameter comes out of typer's adapter as it went in, and None (an
option not given, --help among them) never reaches an adapter; every other value is handed
to the adapter typer would have built, made when first needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typer._click import Command, Context
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import _TyperParameter


@dataclass(frozen=True)
class _PlainFirst(RuntimeParam):
    """A string for a `str` parameter as it is; any other value through typer's own adapter."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if type(value) is str and self._plain_text():
            return value
        typer_own = build_runtime_param(param.type_descriptor)
        param._runtime_param = typer_own  # from now on typer's, as if we had never been here
        return typer_own._coerce_value(value, param=param, ctx=ctx)

    def _plain_text(self) -> bool:
        """A `str` with no parser: typer's adapter returns such a string unchanged."""
        return self.annotation is str and self.parameter_info.parser is None


def convert_plainly(command: Command, parent: Context | None = None) -> None:
    """Give every parameter of command and its subcommands the plain-first conversion, the
    --help option too (made here as parsing would make it: with each command's context)."""
    context = Context(command, parent=parent, **command.context_settings)
    for param in [*command.params, command.get_help_option(context)]:
        if isinstance(param, _TyperParameter) and param._runtime_param is None:
            descriptor = param.type_descriptor
            param._runtime_param = _PlainFirst(descriptor.parameter_info, descriptor.annotation)
    for child in getattr(command, "commands", {}).values():
        convert_plainly(child, context)
