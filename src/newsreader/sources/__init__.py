"""Where articles come from: the network and the local disk, as values, never raising.

    http        the one shared fetcher: polite, bounded, hard to abuse (FetchResult)
    decoding    undoing Content-Encoding in bounded steps (compression bombs)
    caching     a server's caching hints as the earliest time to ask again
    feeds       RSS, Atom, RDF and JSON Feed documents -> articles (feedparser + a fast path)
    plainfeeds  the fast path: plain RSS/Atom read with lxml when nothing needs feedparser
    jsonfeed    JSON Feed 1.0/1.1
    local       files and folders: saved pages, text copies, Markdown, feed files
    opml        subscription lists in and out

May import extraction, config (OPML export), models, errors and sanitize; never the
store, the update pipelines, the facade or the UI.
"""
