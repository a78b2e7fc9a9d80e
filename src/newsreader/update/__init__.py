"""Bringing the library up to date: the pipelines that write articles into the store.

    local      rescan the configured files and folders (changed files only)
    feeds      refresh subscribed feeds: fetch concurrently, parse in workers, group commit
    fulltext   fetch an article's page and keep its main text for offline reading
    pool       the worker processes parsing runs in (set up once, for all three)
    writer     group commit over the store's one connection
    report     what a run reports, and the one summary sentence the CLI and TUI print

May import: sources, extraction, storage, config, models, errors, sanitize. Never the UI
or the facade (`core`), which calls in here.
"""
