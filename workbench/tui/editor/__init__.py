"""The editor's parts, each a small module the editor screen (`tui/screens/editor.py`) composes.

The screen owns the document's segments, which one is current, the grid and the reading; its
side panels (`tui/widgets/editor_panel.py`) show what it tells them; everything a key opens or
does besides confirming and moving is a tool here (`tool.py`), listed once in `tools.py`.
"""
