"""Where articles come from: the network and the local disk, as values, never raising.

    http        the one shared fetcher: polite, bounded, hard to abuse (FetchResult)
    decoding    undoing Content-Encoding in bounded steps (compression bombs)
    caching     a server's caching hints as the earliest time to ask again
    feeds       parse_feed: which reader a feed document goes to, and the guards around it
                (item cap, charset doubts, "this is a web page")
    feeditems   ParsedFeed, and the rules every format's items share (links, plain-text
                titles, list summaries, bodies as blocks or lazily as HTML)
    rssatom     RSS, RDF and Atom entries -> articles, from feedparser's result
    plainfeeds  the fast path: plain RSS/Atom read with lxml, in feedparser's shape
    jsonfeed    JSON Feed 1.0/1.1 read defensively, and its items -> articles
    local       files and folders: saved pages, text copies, Markdown, feed files
    discovery   what an address offers: a feed, or the feeds a web page links to
    discovered  discovery's records, apart so that naming them loads no fetcher
    opml        subscription lists in and out

May import extraction, config (OPML export), models, errors and sanitize; never the
store, the update pipelines, the facade or the UI.
"""
