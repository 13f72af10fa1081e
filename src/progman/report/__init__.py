"""Rendering results for people: text summaries, HTML, Markdown, DataFrames."""
