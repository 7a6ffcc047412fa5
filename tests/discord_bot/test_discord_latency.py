"""Interaction-to-reply latency through the test server stays far inside Discord's 3-second deadline."""

from __future__ import annotations

import pytest

from discord_latency import measure, summary

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_answers_arrive_well_within_the_interaction_deadline(discord_api):
    result = summary(await measure(discord_api, 24))
    # Typically a few milliseconds on loopback; the bound is loose so a busy CI machine cannot flake it,
    # yet a stray sleep, a blocking call or an unneeded defer would break it.
    assert result["median_ms"] < 250, result
    assert result["max_ms"] < 1500, result
