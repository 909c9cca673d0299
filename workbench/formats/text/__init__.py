"""Plain text and Markdown documents: sentences become segments, export rebuilds the file.

Reading keeps the decoded file whole. A *block* (a plain-text paragraph; a Markdown paragraph,
heading or table cell) is the text of some lines without their line prefixes (block quote
markers, list markers, indentation); its sentences become segments. Each segment records in
`structure` its block (`paragraph`) and `sentence` index, the exact whitespace before it
(`before`) and, on a block's last sentence, after it (`after`); a block's first segment records
where the block's lines sit in the decoded file (`lines`, character offsets). Export writes the
file as read and replaces only the blocks, with their sentences' targets, so an export right
after import gives the original bytes. Lines a target adds to a block get the block's
continuation prefix and the file's line ending.

Decisions:
- Line breaks inside a paragraph stay in the source text as `\\n`: poems and addresses need
  them, and the translator may reflow a wrapped paragraph (export re-adds each line's prefix).
  Leading indentation of a plain-text paragraph is kept in `before`, not in the text.
- An empty target exports as its source, so a partly translated file is still complete.
- A Markdown image's alt text is translatable: `![` and `](src)` are its open and close codes.
- Literal private-use characters in a file (U+E000-U+F8FF) become standalone codes, so they
  cannot be mistaken for the inline-code characters of the document model.
- A document from another format is written as one line per segment, a blank line where
  `structure["paragraph"]` changes; its inline codes are left out (their markup is not text).
"""
