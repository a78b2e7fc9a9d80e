"""Turning documents (plain-text pages, HTML, Markdown) into article fields and blocks.

    charset     bytes to text (BOM, declarations, detection)
    structure   HTML to the body's blocks, the one allowlist of structure we keep
    html        saved web pages: trafilatura plus our own metadata look-ups
    plaintext   plain-text copies of news pages (a browser's "select all, copy")
    markdown    Markdown notes with front matter
    dates       dates as pages write them, to ISO 8601 with the precision they had
    page        ExtractedPage, what every extractor fills in

Nothing here touches the network, the store or the UI: text in, structure out. May
import models, sanitize and query's script ranges only.
"""
