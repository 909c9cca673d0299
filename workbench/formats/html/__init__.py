"""HTML and XHTML documents: block text as sentences, inline markup as codes, attributes."""
