"""The Textual user interface; the only package that imports Textual.

    app            the App: library client, theme, global keys, command palette
    bindings       every key, defined once (footer, help and palette are built from it)
    client         the door to the library: every call off the event loop
    entries        sidebar entries and the article the keys act on (small values)
    watch_styles   the colour each watch highlights with
    messages       messages that cross widgets
    screens/       the main screen (screens/main/) and the dialogs (screens/dialogs/)
    widgets/       sidebar, article list, reading pane, status bar
    styles/        the .tcss stylesheets

May import the facade (`core`), models, query, present, errors and sanitize: never the
store, sources, update pipelines or config directly (an import-linter contract).
"""
