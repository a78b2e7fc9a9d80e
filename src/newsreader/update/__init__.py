"""Bringing the library up to date: the pipelines that write articles into the store.

    local      rescan the configured files and folders (changed files only)
    feeds      refresh subscribed feeds (Refresher): fetch concurrently, parse in workers,
               group commit, one result per feed
    schedule   whether a feed is due: server hints, its <ttl>, refresh_minutes
    parsing    a fetched feed parsed in a worker, within a budget, in quarantine if need be
    redirects  a feed that moved for good: the store and the user's config follow it
    fulltext   fetch an article's page and keep its main text for offline reading
    pool       the worker processes parsing runs in (set up once, for all three)
    writer     group commit over the store's one connection
    report     what a run reports, and the one summary sentence the CLI and TUI print

May import: sources, extraction, storage, config, models, errors, sanitize. Never the UI
or the facade (`core`), which calls in here.
"""
