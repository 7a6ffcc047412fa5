"""`python -m bot dates [QUERY] [--json]`: the article's key dates, or those matching QUERY."""

from __future__ import annotations

import json

from bot.cli.common import EXIT_INVALID, open_live
from bot.console import render_dates
from bot.core.answering.dates import format_date, search_dates


def run(args) -> int:
    live = open_live(args.knowledge)
    if live is None:
        return EXIT_INVALID
    query = " ".join(args.query) or None
    if args.json:
        for d in sorted(search_dates(live.knowledge, query), key=lambda d: d.sort_key):
            print(json.dumps({"id": d.id, "date": d.date, "precision": d.precision, "year_inferred": d.year_inferred,
                              "shown": format_date(d), "event": d.event, "source": d.source.to_dict()},
                             ensure_ascii=False))
        return 0
    print(render_dates(live.knowledge, query))
    return 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="list the article's key dates, or look one up")
    parser.add_argument("query", nargs="*", help="what to look up (fuzzy): 'cyber', 'camp david', 'december'")
    parser.add_argument("--json", action="store_true", help="print one JSON object per date")
    parser.set_defaults(handler=run)
