"""Turning documents (plain-text pages, HTML, Markdown) into article fields and blocks.

Nothing here touches the network, the store or the UI: text in, structure out.
"""
