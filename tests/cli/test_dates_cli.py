"""`python -m bot dates [QUERY] [--json]`."""

from __future__ import annotations

import json
import re

import pytest

import bot.cli
from bot.core.answering.dates import format_date


@pytest.fixture(autouse=True)
def _bundled_knowledge_by_default(monkeypatch):
    """A developer's own BOT_KNOWLEDGE must not change what these tests run on."""
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)


DATE_KEYS = {"id", "date", "precision", "year_inferred", "shown", "event", "source"}


def flat(text: str) -> str:
    """Output with its line wrapping undone (textwrap also breaks after a word's hyphen)."""
    return " ".join(re.sub(r"(?<=\w-)\n\s+", "", text).split())


def run(capsys, *args) -> str:
    assert bot.cli.main(["dates", *args]) == 0
    return capsys.readouterr().out


def test_all_dates_in_time_order(capsys, bundled_knowledge):
    out = flat(run(capsys))
    ordered = sorted(bundled_knowledge.dates, key=lambda d: d.sort_key)
    positions = [out.index(f"{format_date(d)} — {flat(d.event)}") for d in ordered]
    assert positions == sorted(positions)
    assert out.count(" — ") == len(ordered)
    # each date shows its source: the paragraph and quote, or the header
    for d in ordered:
        if d.source.paragraph:
            assert f"(paragraph {d.source.paragraph}: “{flat(d.source.quote)}”)" in out
    assert "(article header)" in out


def test_inferred_years_are_labelled(capsys):
    out = flat(run(capsys))
    assert "October 22 (year not stated; 2023 inferred from context)" in out
    assert "December 9 (year not stated; 2023 inferred from context)" in out
    assert "October 22, 2023" not in out and "December 9, 2023" not in out


def test_cyber(capsys):
    out = flat(run(capsys, "cyber"))
    assert out.count(" — ") == 1
    assert out.startswith("December 9 (year not stated") and "cyberspace" in out


def test_camp_david(capsys):
    out = flat(run(capsys, "camp", "david"))
    assert out.count(" — ") == 1
    assert out.startswith("August 2023 — ") and "Camp David" in out


def test_no_match_is_a_clear_message(capsys):
    out = run(capsys, "pizza", "delivery")
    assert "No key date matches 'pizza delivery'" in out


def test_json_all(capsys, bundled_knowledge):
    records = [json.loads(line) for line in run(capsys, "--json").splitlines()]
    assert len(records) == len(bundled_knowledge.dates)
    assert all(set(r) == DATE_KEYS and set(r["source"]) == {"paragraph", "quote"} for r in records)
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    by_date = {r["date"]: r for r in records}
    assert by_date["2023-10-22"]["year_inferred"] is True and "inferred" in by_date["2023-10-22"]["shown"]
    assert by_date["2023-12-09"]["year_inferred"] is True and "inferred" in by_date["2023-12-09"]["shown"]
    assert by_date["2023-08"]["year_inferred"] is False and by_date["2023-08"]["shown"] == "August 2023"
    assert by_date["2024-01-05"]["year_inferred"] is False and by_date["2024-01-05"]["shown"] == "January 5, 2024"
    for r in records:
        assert ("inferred" in r["shown"]) == r["year_inferred"]


def test_json_query(capsys):
    records = [json.loads(line) for line in run(capsys, "--json", "december").splitlines()]
    assert [r["id"] for r in records] == ["missile-warning-sharing", "cyber-initiatives"]
    assert [r["year_inferred"] for r in records] == [False, True]


def test_json_no_match_prints_nothing(capsys):
    assert run(capsys, "--json", "pizza") == ""


def test_dates_subprocess_korean_query(run_bot):
    result = run_bot("dates", "--json", "캠프", "데이비드")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["camp-david-summit"]


def test_dates_with_another_knowledge_file(capsys, make_knowledge):
    path = make_knowledge()  # one key date: 2023-08, "Summit at Camp David"
    assert bot.cli.main(["dates", "--knowledge", str(path), "--json"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["id"] == "summit" and record["event"] == "Summit at Camp David"
