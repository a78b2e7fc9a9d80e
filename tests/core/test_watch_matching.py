"""The in-memory matcher and the store's search agree on every query (property test)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.models import Article, article_id, paragraph
from newsreader.query import ArticleQuery
from newsreader.query.fold import index_tokens
from newsreader.query.matcher import Matcher, MatchTarget, explain_article
from newsreader.storage import Store

WORDS = [
    "cyber",
    "cyberspace",
    "security",
    "national",
    "sovereignty",
    "émigré",
    "Emigre",
    "café",
    "rules",
    "c++",
    "don't",
    "网络安全",
    "政府",
    "网络",
    "サイバー",
    "the",
    "A",
]
word = st.sampled_from(WORDS)
text = st.lists(word, min_size=1, max_size=8).map(" ".join)


@st.composite
def queries(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(
            ["word", "prefix", "phrase", "field", "not", "or", "and", "group"]
            if depth < 2
            else ["word", "prefix", "phrase", "field"]
        )
    )
    if kind == "word":
        return draw(word)
    if kind == "prefix":
        return draw(st.sampled_from(["cyber", "sec", "nat", "emi", "caf", "ru"])) + "*"
    if kind == "phrase":
        return '"' + " ".join(draw(st.lists(word, min_size=1, max_size=3))) + '"'
    if kind == "field":
        field = draw(st.sampled_from(["title", "author", "section", "source"]))
        value = draw(st.sampled_from(["world", "tech", "wire", "han", "cyber", "网络"]))
        return f"{field}:{value}"
    if kind == "not":
        return f"{draw(queries(depth + 1))} -{draw(word)}"
    joiner = " OR " if kind == "or" else " "
    inner = joiner.join(draw(st.lists(queries(depth + 1), min_size=2, max_size=3)))
    return f"({inner})" if kind == "group" else inner


articles_strategy = st.lists(
    st.tuples(
        text,
        text,
        st.sampled_from(["Han Shasha", "Ann Lee", ""]),
        st.sampled_from(["World", "Tech"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_strategy, st.lists(queries(), min_size=1, max_size=5))
def test_matcher_and_store_agree(items: list[tuple[str, str, str, str]], qs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "library.db")
        try:
            sources = {
                "World": store.ensure_feed_source("https://w.example/rss", "World", "World Wire"),
                "Tech": store.ensure_feed_source("https://t.example/rss", "Tech", "Tech Daily"),
            }
            targets = {}
            for n, (title, body, author, section) in enumerate(items):
                a = Article(
                    id=article_id("s", guid=str(n)),
                    source="s",
                    title=title,
                    authors=(author,) if author else (),
                    body=(paragraph(body),),
                    site=None,
                )
                store.upsert_articles(sources[section], section, [a])
                feed = "World Wire" if section == "World" else "Tech Daily"
                targets[a.id] = MatchTarget(
                    title=title, authors=author, body=body, source=feed, section=section
                )
            for q in qs:
                stored = {r.uid for r in store.list_articles(ArticleQuery(text=q))}
                matcher = Matcher(q)
                in_memory = {uid for uid, t in targets.items() if matcher.matches(t)}
                assert stored == in_memory, q
        finally:
            store.close()


def test_tokens_fold_case_and_accents() -> None:
    assert index_tokens("Émigré café, C++ don't") == ["emigre", "cafe", "c", "don", "t"]


def test_explain_names_words_and_fields() -> None:
    from newsreader.config import Config, MuteConfig, WatchConfig

    config = Config(
        path=Path("x"),
        watches=(
            WatchConfig("Cyber", 'cyber* OR "national sovereignty"'),
            WatchConfig("Sport", "football"),
        ),
        mutes=(MuteConfig("title:sponsored"), MuteConfig("respect", sections=("Tech",))),
    )
    target = MatchTarget(
        title="We need to respect national sovereignty over cyberspace",
        body="Countries need to show respect for cyber security.",
        section="World",
    )
    watches = [(w.name, w.query) for w in config.watches]
    mutes = [(m.query, m.sections) for m in config.mutes]
    lines = explain_article(target, watches, mutes).lines()
    assert lines == [
        'watch Cyber: matches (cyber* in title, body; "national sovereignty" in title)',
        "watch Sport: no match",
        "mute title:sponsored: does not apply",
        "mute respect (only in Tech): matches, but not in this section",
    ]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(WORDS + ["OR", "NOT", "AND", "title:x", "cyber-security", 'a"b']))
def test_a_picked_word_becomes_a_query_that_finds_it(word: str) -> None:
    from newsreader.query.language import parse_query, query_for_text

    query = query_for_text(word)
    parse_query(query)  # never a syntax error, whatever the word
    target = MatchTarget(title="", body=f"Before {word} after.")
    assert Matcher(query).matches(target), query
    assert not Matcher(query).matches(MatchTarget(title="", body="Nothing relevant here."))


def test_picked_words_stay_literal() -> None:
    from newsreader.query.language import query_for_text

    assert query_for_text("Cyber") == "Cyber"
    assert query_for_text("OR") == '"OR"'
    assert query_for_text("title:x") == '"title:x"'
    assert query_for_text("网络安全") == "网络安全"
    assert query_for_text("  ") == ""


@pytest.mark.parametrize(
    "q", ["section:wörld OR section:wörld", "section:tech OR section:WÖRLD", "section:WÖRLD"]
)
def test_section_terms_joined_by_or_find_the_section(tmp_path: Path, q: str) -> None:
    store = Store(tmp_path / "library.db")
    try:
        source = store.ensure_feed_source("https://w.example/rss", "Wörld", "World Wire")
        a = Article(id=article_id("s", guid="1"), source="s", title="t", body=(paragraph("b"),))
        store.upsert_articles(source, "Wörld", [a])
        assert [r.uid for r in store.list_articles(ArticleQuery(text=q))] == [a.id]
    finally:
        store.close()
