"""Highlight spans: case/accent-insensitive words, phrases, prefixes, CJK substrings."""

from __future__ import annotations

from newsreader.query.spans import find_spans, needles_from_query


def spans(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in find_spans(text, needles_from_query(query))]


def test_whole_words_only_in_latin_text() -> None:
    assert spans("Cyber security and cyberspace", "cyber") == ["Cyber"]


def test_prefix_and_phrase() -> None:
    text = "Cyber security needs national sovereignty over cyberspace."
    assert spans(text, 'cyber* "national sovereignty"') == [
        "Cyber",
        "national sovereignty",
        "cyberspace",
    ]


def test_case_and_accent_insensitive_with_original_offsets() -> None:
    assert spans("Émigré ÉMIGRÉ emigre", "emigre") == ["Émigré", "ÉMIGRÉ", "emigre"]
    assert spans("Straße and STRASSE", "strasse") == ["Straße", "STRASSE"]


def test_cjk_matches_inside_running_text() -> None:
    assert spans("专家表示网络安全需要每个人参与", "网络安全") == ["网络安全"]
    assert spans("病院のサイバーセキュリティ対策", "サイバー") == ["サイバー"]
    assert spans("정부는 발표했다", "정부") == ["정부"]  # Korean particles glued on


def test_highlighting_and_search_agree_on_what_matches_inside_words() -> None:
    # One definition (newsreader.query.scripts) for both: a compatibility ideograph (U+F900)
    # was found inside running text by search but highlighted only as a whole word.
    from newsreader.query.scripts import INFIX_RANGES, has_cjk

    assert spans("古い豈の字", "豈") == ["豈"]
    for first, last in zip(INFIX_RANGES[::3], INFIX_RANGES[2::3], strict=True):
        for ch in (first, last):
            assert has_cjk(ch)
            assert spans(f"x{ch}{ch}y", ch) == [ch, ch]


def test_operators_exclusions_and_fields_are_not_highlighted() -> None:
    text = "cats and dogs and birds"
    assert spans(text, "cats OR dogs -birds") == ["cats", "dogs"]
    assert spans(text, "title:birds NOT cats") == ["birds"]


def test_empty_query_and_text() -> None:
    assert spans("anything", "") == []
    assert spans("", "x") == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsreader.query.spans import find_group_spans  # noqa: E402

VOCAB = [
    "cyber",
    "cyberspace",
    "Security",
    "national",
    "sovereignty",
    "Émigré",
    "emigre",
    "café",
    "网络安全",
    "政府",
    "the",
    "a",
    "x_y",
    "cyber-security",
    "xcyber",
    "_national",
    "sovereigntyx",
    ",",
    ".",
    "\n",
]
QUERY_WORDS = [
    "cyber",
    "cyber*",
    "security",
    '"national sovereignty"',
    "emigre",
    "cafe",
    "网络安全",
    "政府",
    "the",
    "sec*",
    '"cyber security"',
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), max_size=30).map(" ".join),
    st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=4).map(" OR ".join),
)
def test_one_pass_group_spans_agree_with_find_spans(text: str, query: str) -> None:
    terms = tuple(needles_from_query(query))
    single = find_spans(text, terms)
    grouped = [(s, e) for s, e, g in find_group_spans(text, (terms,))]
    # Same words marked (the one-pass search may split a phrase differently).
    covered = {i for s, e in single for i in range(s, e)}
    assert {i for s, e in grouped for i in range(s, e)} == covered


def test_groups_keep_their_own_index() -> None:
    spans = find_group_spans(
        "cyber trains and 网络安全",
        (tuple(needles_from_query("trains")), tuple(needles_from_query("cyber* 网络安全"))),
    )
    assert spans == [(0, 5, 1), (6, 12, 0), (17, 21, 1)]
