"""Pure-Python core: no textual, no sqlalchemy, no file I/O."""
