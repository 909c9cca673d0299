"""gettext PO and POT files: entries become segments; export rewrites only what changed.

Decisions worth knowing:
- The header's charset decides the encoding (UTF-8 when there is no header, no charset, or the
  POT placeholder `CHARSET`); a UTF-8 byte order mark wins over it. Bytes that do not decode
  are an error naming the line. A legacy 8-bit charset always decodes, so its text is also
  checked for the tell-tale of a wrong charset: words in which Latin letters and Cyrillic,
  Greek, Hebrew or Arabic ones alternate (Latin-1 French read as KOI8-R gives `SymИtrie`).
  When most such words are mixed, the file is refused with the line of the first one rather
  than guessed at: no 8-bit encoding can be told from another reliably.
- Obsolete entries (`#~`) are yielded as segments marked `structure["obsolete"] == "true"`,
  without a unit id, for display only: export always writes them back as read.
- Export re-reads `Document.original` and copies every entry whose targets and statuses did not
  change byte for byte. A changed msgstr is written again, wrapped the way msgcat wraps (79
  columns, breaking after spaces and around CJK characters), and the `fuzzy` flag follows the
  status. A target the file's charset cannot hold turns the whole file into UTF-8.
"""
