"""Where articles come from: the network and the local disk, as values, never raising.

    http        the one shared fetcher: polite, bounded, hard to abuse (FetchResult)
    urls        the one rule for a feed's web address (normalised, or refused)
    feeds       RSS, Atom, RDF and JSON Feed documents -> articles (feedparser + a fast path)
    plainfeeds  the fast path: plain RSS/Atom read with lxml when nothing needs feedparser
    jsonfeed    JSON Feed 1.0/1.1
    local       files and folders: saved pages, text copies, Markdown, feed files
    opml        subscription lists in and out

May import extraction, config (OPML export), models, errors and sanitize; never the
store, the update pipelines, the facade or the UI.
"""
