"""/dates (with and without a query, autocomplete, the timeline picture), /faq list|show and /about."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image

from bot.core.answering.dates import format_date, search_dates

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_dates_lists_every_key_date_in_time_order_with_sources_and_a_timeline(discord_api, member, running_bot):
    knowledge = running_bot.live.knowledge
    sent = await discord_api.slash("dates", user=member)
    reply = await discord_api.reply(sent)
    assert discord_api.calls_for(sent)[0].json["type"] == 5  # deferred: the picture takes a moment
    description = reply.embed["description"]
    positions = [description.index(f"**{format_date(d)}**") for d in knowledge.dates]
    assert positions == sorted(positions), "dates are shown in time order"
    for expected in ("Camp David", "October 22", "December 2023", "December 9", "January 5, 2024"):
        assert expected in description
    assert "inferred from context" in description  # the October 22 and December 9 years are inferred
    assert "Paragraph 4: “They agreed with new initiatives on December 9”" in description
    # The timeline picture rides along as an attachment the embed shows.
    (picture,) = reply.call.files
    assert picture["filename"] == "timeline.png" and reply.embed["image"]["url"] == "attachment://timeline.png"
    assert Image.open(io.BytesIO(picture["data"])).format == "PNG"


async def test_dates_with_a_query_shows_the_matching_date(discord_api, member, running_bot):
    reply = await discord_api.reply(await discord_api.slash("dates", query="cyber", user=member))
    cyber = next(d for d in running_bot.live.knowledge.dates if d.id == "cyber-initiatives")
    assert reply.embed["title"] == f"Key date: {format_date(cyber)}"
    assert cyber.event in reply.embed["description"]
    assert "Camp David" not in reply.embed["description"]


async def test_picking_an_autocomplete_choice_shows_that_date(discord_api, member):
    choices = await discord_api.autocomplete("dates", "query", "cyb", user=member)
    assert choices and choices[0]["value"] == "cyber-initiatives"
    assert len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)
    reply = await discord_api.reply(await discord_api.slash("dates", query=choices[0]["value"], user=member))
    assert "cyberspace" in reply.embed["description"] and "Indo-Pacific" not in reply.embed["description"]


async def test_autocomplete_with_nothing_typed_offers_the_dates_in_order(discord_api, member, running_bot):
    choices = await discord_api.autocomplete("dates", "query", "", user=member)
    expected = search_dates(running_bot.live.knowledge, None)[:25]
    assert [c["value"] for c in choices] == [d.id for d in expected]


async def test_a_query_matching_nothing_says_so_and_lists_all(discord_api, member, running_bot):
    reply = await discord_api.reply(await discord_api.slash("dates", query="**zzqx** @everyone", user=member))
    description = reply.embed["description"]
    assert description.startswith("No key date matches “\\*\\*zzqx\\*\\* @\u200beveryone”")
    assert all(d.event in description for d in running_bot.live.knowledge.dates)


async def test_faq_list_pages_with_buttons(discord_api, member, running_bot):
    entries = running_bot.live.knowledge.entries
    assert len(entries) > 10, "the bundled FAQ is long enough to page"
    reply = await discord_api.reply(await discord_api.slash("faq list", user=member))
    assert reply.ephemeral
    assert f"`{entries[0].id}`" in reply.embed["description"] and f"`{entries[10].id}`" not in reply.embed["description"]
    pages = -(-len(entries) // 10)
    assert reply.embed["footer"]["text"].startswith(f"Page 1 of {pages}")
    previous, following = reply.message["components"][0]["components"]
    assert previous["disabled"] is True and following["disabled"] is False
    page2 = await discord_api.reply(await discord_api.click(reply.stored, following["custom_id"], user=member))
    assert page2.call.json["type"] == 7 and page2.embed["footer"]["text"].startswith(f"Page 2 of {pages}")
    assert f"`{entries[10].id}`" in page2.embed["description"]


async def test_faq_show_autocompletes_and_shows_an_entry_with_its_source(discord_api, member, running_bot):
    choices = await discord_api.autocomplete("faq show", "entry", "chip", user=member)
    knowledge = running_bot.live.knowledge
    assert choices and len(choices) <= 25
    assert "chip" in (choices[0]["name"] + choices[0]["value"]).lower()  # id or question matches come first
    for choice in choices:
        found = knowledge.entry(choice["value"])
        assert "chip" in " ".join((found.id, *found.phrasings)).lower()
    entry = knowledge.entry(choices[0]["value"])
    reply = await discord_api.reply(await discord_api.slash("faq show", entry=entry.id, user=member))
    assert reply.embed["title"] == entry.question
    assert reply.embed["description"] == entry.answer
    source = next(f["value"] for f in reply.embed["fields"] if f["name"] == "Source")
    assert source.startswith(f"Paragraph {entry.source.paragraph}")


async def test_faq_show_of_an_unknown_entry_says_so_privately(discord_api, member):
    reply = await discord_api.reply(await discord_api.slash("faq show", entry="no-such-entry-xyz", user=member))
    assert reply.ephemeral and "There is no FAQ entry" in reply.text


async def test_about_tells_what_the_bot_knows(discord_api, member, running_bot):
    knowledge = running_bot.live.knowledge
    reply = await discord_api.reply(await discord_api.slash("about", user=member))
    text = reply.text
    assert knowledge.article.title in text and knowledge.article.author in text and "February 20, 2024" in text
    assert knowledge.version in text and "/ask" in text and "Ask the FAQ" in text
    assert f"{len(knowledge.entries)} questions" in text
    assert "`/faqmod`" in text and "/faq add" not in text  # where moderators find their commands


async def test_dates_still_answers_in_text_when_the_picture_fails(discord_api, member, monkeypatch, allow_bot_errors):
    dates_cog = sys.modules["bot.discord_bot.cogs.dates"]  # the module load_extension ran

    def broken(*args, **kwargs):
        raise OSError("no fonts today")

    monkeypatch.setattr(dates_cog, "render_timeline", broken)
    reply = await discord_api.reply(await discord_api.slash("dates", user=member))
    assert not reply.call.files and "image" not in reply.embed
    assert "Camp David" in reply.embed["description"]
