"""Subtitles: SubRip (.srt) and WebVTT (.vtt), one segment per cue (see document.py)."""
