"""Markdown articles: front matter, headline choice, de-marking, disclaimer and teasers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parsers.base import ParseContext, parse_bytes
from ingest.parsers.markdown import demark, parse_markdown

DATA = Path(__file__).parent / "data" / "parsers"
CET = timezone(timedelta(hours=1))


def ctx(**kw) -> ParseContext:
    kw.setdefault("default_ai_generated", False)
    return ParseContext(origin="notes/story.md", **kw)


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_front_matter_supplies_the_metadata():
    a = parse_markdown(read("front_matter.md"), ctx())
    assert a.headline == "Lantern festival returns to Brisk after two-year pause"
    assert a.outlet == "Riverside Ledger"
    assert a.url == (
        "https://riverside-ledger.example/culture/brisk-lantern-festival-returns?utm_source=feed"
    )
    assert a.author == "Tobias Wren, Mara Quell"
    assert a.summary == "Organisers expect about 40,000 visitors over three evenings."
    assert a.published_at == datetime(2026, 3, 2, 17, 30, tzinfo=UTC)
    assert a.ai_generated is False
    assert a.origin == "notes/story.md"


def test_front_matter_body_is_de_marked_one_paragraph_a_line():
    a = parse_markdown(read("front_matter.md"), ctx())
    lines = a.body.split("\n")
    # The H1 repeating the title is not kept twice.
    assert "Lantern festival returns" not in a.body
    # Hard-wrapped paragraph joined, emphasis markers gone.
    assert lines[0] == (
        "The Brisk Lantern Festival will return to the old harbour on March 27, organisers said "
        "on Monday, after two years in which the event was cancelled over safety concerns about "
        "the crumbling sea wall."
    )
    # Link text kept, URL dropped; image dropped entirely.
    assert lines[1].startswith("Festival director Oona Feld said the repaired wall")
    assert "riverside-ledger.example/people" not in a.body
    assert "lanterns.jpg" not in a.body and "A lantern boat" not in a.body
    # Heading marks stripped; list items one a line without bullets.
    assert "Road closures" in lines
    assert "Harbour Road closes from 16:00 on each festival day." in lines
    assert "Buses on route 7 will divert via Mill Lane." in lines
    # Code fences kept as text, without the fence markers.
    assert "brisk-events --map lanterns" in lines
    assert "```" not in a.body
    assert lines[-1] == "Ticket prices stay at 12 crowns for adults, and children under 10 go free."
    assert not any(ln.startswith(("#", "-", "*")) for ln in lines)


def test_without_front_matter_first_h1_is_headline_and_disclaimer_and_teasers_apply():
    a = parse_markdown(read("no_front_matter.md"), ctx(outlet="Valley Herald"))
    assert a.headline == "Orchard co-op in Tessamy reports record cider harvest"
    assert a.outlet == "Valley Herald"  # from the context: the file does not say
    assert a.url is None and a.published_at is None
    assert a.ai_generated is True  # the disclaimer line overrides the default of False
    assert a.body.startswith("Members of the Tessamy Orchard Cooperative pressed 410,000 litres")
    assert a.body.endswith("The co-op plans to spend part of the surplus on a second cold store.")
    assert len(a.body.split("\n")) == 3
    assert "AI-generated" not in a.body
    assert a.related == [
        "Tessamy rail depot redevelopment wins planning approval.",
        "Frost warnings return to the northern valleys.",
    ]
    assert "rail depot redevelopment" not in a.text


def test_without_heading_the_first_line_is_the_headline():
    a = parse_markdown(
        "Ferry fares to rise in May\n\nFares on all *island* routes rise 4%.\n", ctx()
    )
    assert a.headline == "Ferry fares to rise in May"
    assert a.body == "Fares on all island routes rise 4%."


def test_first_h1_is_taken_even_after_an_intro_line():
    text = "_Updated story_\n\n# Bridge reopens early\n\nThe Asker bridge reopened on Friday.\n"
    a = parse_markdown(text, ctx())
    assert a.headline == "Bridge reopens early"
    assert a.body == "Updated story\nThe Asker bridge reopened on Friday."


def test_setext_heading_counts_as_h1():
    a = parse_markdown("Harbour crane toppled\n=====\n\nNobody was hurt.\n", ctx())
    assert a.headline == "Harbour crane toppled"
    assert a.body == "Nobody was hurt."


def test_yaml_date_without_time_is_midnight_utc_and_flags_parse():
    text = "---\nheadline: Fair opens\ndate: 2026-05-01\nai_generated: true\n---\nStalls open at nine.\n"
    a = parse_markdown(text, ctx())
    assert a.published_at == datetime(2026, 5, 1, tzinfo=UTC)
    assert a.ai_generated is True


def test_front_matter_ai_generated_false_beats_the_disclaimer_and_default():
    text = (
        "---\ntitle: Pier closed\nai_generated: false\n---\nThe pier is shut for repairs.\n"
        "This content is AI-generated based on source articles.\n"
    )
    a = parse_markdown(text, ctx(default_ai_generated=True))
    assert a.ai_generated is False
    assert a.body == "The pier is shut for repairs."


def test_naive_yaml_datetime_is_taken_as_utc():
    text = "---\ntitle: Vote delayed\npublished_at: 2026-06-10 14:00:00\n---\nThe vote moved.\n"
    assert parse_markdown(text, ctx()).published_at == datetime(2026, 6, 10, 14, 0, tzinfo=UTC)


def test_string_date_in_front_matter_is_parsed():
    text = "---\ntitle: Vote held\ndate: 'Tue, 16 Jun 2026 08:00:00 +0100'\n---\nIt passed.\n"
    assert parse_markdown(text, ctx()).published_at == datetime(2026, 6, 16, 8, 0, tzinfo=CET)


def test_malformed_yaml_is_a_parse_error():
    with pytest.raises(ParseError, match=r"^malformed YAML front matter: "):
        parse_markdown(read("malformed_front_matter.md"), ctx())


def test_front_matter_that_is_not_a_mapping_is_a_parse_error():
    with pytest.raises(ParseError, match="malformed YAML front matter: expected 'key: value'"):
        parse_markdown("---\n- just\n- a list\n---\nBody text.\n", ctx())


def test_unclosed_front_matter_is_a_parse_error():
    with pytest.raises(ParseError, match="no closing '---'"):
        parse_markdown("---\ntitle: Never closed\n\nBody text.\n", ctx())


def test_headline_without_body_is_a_parse_error():
    with pytest.raises(ParseError, match="no body"):
        parse_markdown("---\ntitle: Only a title\n---\n\n", ctx())


def test_only_front_matter_and_teasers_is_a_parse_error():
    with pytest.raises(ParseError, match="no article text"):
        parse_markdown("---\noutlet: X\n---\nRelated Articles\nSomething else.\n", ctx())


def test_inline_markup_is_removed_but_code_spans_and_escapes_survive():
    blocks = demark(
        "Read **the [full report](https://x.example/r)** or ***both*** ~~old~~ and "
        "`snake_case_name * 2` with \\*literal stars\\* and snake_case_word and 5 * 3 = 15 "
        "<https://x.example/a> ![chart](c.png)\n"
    )
    assert blocks == [
        (
            "Read the full report or both old and snake_case_name * 2 with *literal stars* "
            "and snake_case_word and 5 * 3 = 15 https://x.example/a",
            0,
        )
    ]


def test_block_quotes_rules_and_reference_definitions():
    blocks = demark("> Quoted\n> line.\n\n***\n\nSee [the map][m].\n\n[m]: https://x.example/map\n")
    assert blocks == [("Quoted line.", 0), ("See the map.", 0)]


def test_dispatch_by_extension_and_front_matter_sniffing():
    data = (DATA / "front_matter.md").read_bytes()
    [a] = parse_bytes(data, ParseContext(origin="inbox/festival.md", default_ai_generated=False))
    assert a.headline == "Lantern festival returns to Brisk after two-year pause"
    [b] = parse_bytes(data, ParseContext(origin="inbox/festival", default_ai_generated=False))
    assert b.content_hash == a.content_hash


def test_marker_lines_stand_alone_without_blank_lines_around_them():
    text = (
        "# Tram line extended\n\n"
        "The number 4 tram will run to the\nnew hospital from June.\n"
        "*This content is AI-generated based on source articles. While we strive\n"
        "for accuracy, errors may occur.*\n"
        "## Related Articles\n"
        "- Hospital car park to shrink by half.\n"
        "- Tram drivers vote on new rota.\n"
    )
    a = parse_markdown(text, ctx())
    assert a.body == "The number 4 tram will run to the new hospital from June."
    assert a.ai_generated is True
    assert a.related == ["Hospital car park to shrink by half.", "Tram drivers vote on new rota."]
