"""workbench: a terminal translation and glossary workbench."""

__version__ = "0.1.0"
