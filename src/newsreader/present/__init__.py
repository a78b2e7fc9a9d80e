"""How articles look: Rich renderables for the terminal and Markdown for files.

    article    one article as Rich renderables (the `read` command and the reading pane)
    listing    the CLI's article tables and search results; date and age formats
    markdown   an article as a Markdown file with front matter (`export`)

Pure: text in, renderables or strings out, no I/O but `markdown.export_articles`
writing the files it is asked to. Untrusted text enters Rich only as plain `Text`,
highlights as spans (`query.spans`), never as markup. May import models, query,
sanitize and Rich; never the store, sources, the update pipelines or the UI.
"""
