"""Software string files (JSON, YAML, Android, Apple, Java properties, .NET resx).

units.py holds the model every format shares (keys, forms, spans, export patches),
document.py the reading, pairing with a translation file and export; one module per format.
"""
