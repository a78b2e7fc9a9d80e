"""Turning documents (plain-text pages, HTML, Markdown) into article fields and blocks.

    page        ExtractedPage, what every extractor fills in
    charset     bytes to text (BOM, declarations, detection)
    dates       dates as pages write them, to ISO 8601 with the precision they had
    markdown    Markdown notes with front matter

Saved web pages:
    html        the door: trafilatura's body plus our own metadata
    main_text   the page's main text in one walk, past trafilatura's element budget
    structure   HTML to the body's blocks, the one allowlist of structure we keep
    rawhtml     linear passes over raw HTML with no tree (text to index, deep nesting)
    marked      the elements that carry given attributes (bylines, dates, hidden)
    images      the article's images (alt, src, caption), apart from its text
    mhtml       a browser's single-file save (MIME parts) to its page
    metadata    which source wins for each field, over:
      declared    <meta> and JSON-LD
      titles      the headline against <title>, h1 and site names
      bylines     authors from bylines, JSON-LD and <meta>
      page_dates  published and updated dates

Plain-text copies of news pages (a browser's "select all, copy"):
    plaintext   the door: the article's run of lines, its header and body
    lines       splitting into units and what a unit looks like
    furniture   what a line of page furniture looks like (stamps, credits, asides)
    textheader  the lines above the article: headline, byline, date, caption
    meta        bylines and datelines as text writes them
    linemodel   the fitted line model and headline ranker (weights in data/,
                fitted by benchmarks/fit_lines.py)

Nothing here touches the network, the store or the UI: text in, structure out. May
import models, sanitize and query's script ranges only.
"""
