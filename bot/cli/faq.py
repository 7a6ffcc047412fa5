"""`python -m bot faq add|edit|remove|alias|list|show|history|undo`: moderate the FAQ from the terminal.

The same checks and the same history as the Discord /faq commands, safe to use while the bot runs
(the bot picks the change up by itself). A refused change exits 1 with the reason on stderr and leaves
the file untouched.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import textwrap

EXIT_REFUSED = 1
VIA = "terminal"


def register(sub: argparse._SubParsersAction, name: str, common: argparse.ArgumentParser) -> None:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--by", metavar="NAME", default=argparse.SUPPRESS,
                        help="who is making the change, for the history (default: $BOT_MODERATOR or your login)")
    shared.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where the history lives (default: $BOT_DATA_DIR, as in .env, or the user data "
                             "directory)")
    parents = [common, shared]
    parser = sub.add_parser(name, parents=parents, help="add, edit, remove and review FAQ entries",
                            description=__doc__.splitlines()[0])
    actions = parser.add_subparsers(dest="faq_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=parents, help="add an entry and print its id")
    add.add_argument("--question", required=True)
    add.add_argument("--answer", required=True)
    add.add_argument("--alias", action="append", default=[], metavar="PHRASING",
                     help="another way to ask it (repeatable)")
    add.add_argument("--quote", default="", help="a sentence copied from the article (omit for a club entry)")
    add.add_argument("--id", dest="entry_id", help="the entry's id (default: made from the question)")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.set_defaults(handler=_add)

    edit = actions.add_parser("edit", parents=parents, help="change an entry (only the options given)")
    edit.add_argument("entry_id", metavar="ID")
    edit.add_argument("--question")
    edit.add_argument("--answer")
    edit.add_argument("--alias", action="append", metavar="PHRASING",
                      help="replace the alternate phrasings with these (repeatable)")
    edit.add_argument("--no-aliases", action="store_true", help="drop every alternate phrasing")
    edit.add_argument("--quote", help="a new source quote ('' makes it a club entry)")
    edit.set_defaults(handler=_edit)

    remove = actions.add_parser("remove", parents=parents, help="remove an entry (undo brings it back)")
    remove.add_argument("entry_id", metavar="ID")
    remove.set_defaults(handler=_remove)

    alias = actions.add_parser("alias", parents=parents, help="add another phrasing to an entry")
    alias.add_argument("entry_id", metavar="ID")
    alias.add_argument("phrasing")
    alias.set_defaults(handler=_alias)

    listing = actions.add_parser("list", parents=parents, help="every entry: id and question")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", parents=parents, help="an entry exactly as faq.yaml has it")
    show.add_argument("entry_id", metavar="ID")
    show.set_defaults(handler=_show)

    history = actions.add_parser("history", parents=parents, help="recent changes, newest first")
    history.add_argument("entry_id", nargs="?", metavar="ID", help="only this entry's changes")
    history.add_argument("--limit", type=int, default=20)
    history.add_argument("-v", "--verbose", action="store_true", help="show each change's before and after")
    history.set_defaults(handler=_history)

    undo = actions.add_parser("undo", parents=parents, help="revert the latest change (again to go further back)")
    undo.set_defaults(handler=_undo)


def _by(args: argparse.Namespace) -> str:
    name = getattr(args, "by", None) or os.environ.get("BOT_MODERATOR", "").strip() or _dotenv("BOT_MODERATOR")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no login name (some containers)
            name = "terminal"
    return name


def _dotenv(name: str) -> str:
    """A setting from ./.env (where the bot's settings usually live) when the environment lacks it, so the
    terminal edits the same file and writes the same history as the running bot."""
    if os.environ.get(name, "").strip() or not os.path.isfile(".env"):
        return ""
    from dotenv import dotenv_values

    return (dotenv_values(".env").get(name) or "").strip()


def _store(args: argparse.Namespace):
    from bot.core.answering.similar import AlreadyAnswered
    from bot.core.editing.store import FaqStore

    knowledge = args.knowledge  # bot.settings.knowledge_path(): --knowledge, BOT_KNOWLEDGE (.env too), bundled
    return FaqStore(knowledge, data_dir=getattr(args, "data_dir", None) or _dotenv("BOT_DATA_DIR") or None,
                    similar=AlreadyAnswered())


def _refusing(handler):
    """Run a handler; a Refused change, an unusable history or an OS error is one line on stderr, exit 1."""
    def run(args: argparse.Namespace) -> int:
        import sqlite3

        from bot.core.editing.history import HistoryUnavailable
        from bot.core.editing.store import Refused
        from bot.core.state.db import describe_db_error, describe_os_error

        try:
            return handler(args)
        except Refused as exc:
            reason = exc.reason
        except HistoryUnavailable as exc:
            reason = f"the history is unavailable: {exc.reason}"
        except sqlite3.Error as exc:
            reason = describe_db_error(exc)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            reason = f"{describe_os_error(exc)}{where}"
        print(f"error: {reason}", file=sys.stderr)
        return EXIT_REFUSED
    return run


def _report(saved, done: str, *, notes: bool = True) -> int:
    for note in saved.notes if notes else ():
        print(f"note: {note}", file=sys.stderr)

    if not saved.changed:
        print(f"no change: {saved.entry_id} already says that", file=sys.stderr)
    elif done:
        print(done)
    return 0


@_refusing
def _add(args: argparse.Namespace) -> int:
    from bot.core.editing.store import Draft

    saved = _store(args).add(Draft(args.question, args.answer, tuple(args.alias), args.quote),
                             by=_by(args), via=VIA, entry_id=args.entry_id, tags=tuple(args.tag))
    _report(saved, "")
    print(saved.entry_id)
    return 0


@_refusing
def _edit(args: argparse.Namespace) -> int:
    from bot.core.editing.store import Draft, Refused

    store = _store(args)
    entry = store.load().entry(args.entry_id)
    if entry is None:
        raise Refused(f"there is no entry {args.entry_id!r}")
    draft = Draft.from_entry(entry)
    alternates = () if args.no_aliases else tuple(args.alias) if args.alias is not None else draft.alternates
    draft = Draft(args.question if args.question is not None else draft.question,
                  args.answer if args.answer is not None else draft.answer,
                  alternates,
                  args.quote if args.quote is not None else draft.quote)
    return _report(store.edit(args.entry_id, draft, by=_by(args), via=VIA), f"edited {args.entry_id}")


@_refusing
def _remove(args: argparse.Namespace) -> int:
    return _report(_store(args).remove(args.entry_id, by=_by(args), via=VIA), f"removed {args.entry_id}")


@_refusing
def _alias(args: argparse.Namespace) -> int:
    saved = _store(args).alias(args.entry_id, args.phrasing, by=_by(args), via=VIA)
    return _report(saved, f"added the phrasing to {args.entry_id}")


@_refusing
def _undo(args: argparse.Namespace) -> int:
    saved = _store(args).undo(by=_by(args), via=VIA)
    return _report(saved, "; ".join(saved.notes) or "undone", notes=False)


@_refusing
def _list(args: argparse.Namespace) -> int:
    from bot.core.editing.store import Refused
    from bot.core.knowledge.problems import KnowledgeError

    try:
        knowledge = _store(args).load()
    except KnowledgeError as exc:
        raise Refused(f"invalid knowledge:\n{exc}") from exc
    for entry in knowledge.entries:
        where = "club" if entry.source is None else f"¶{entry.source.paragraph}"
        print(f"{entry.id}\t{where}\t{entry.question}")
    return 0


@_refusing
def _show(args: argparse.Namespace) -> int:
    from bot.core.editing.store import Refused
    from bot.core.editing.yamledit import LayoutError, entry_block

    store = _store(args)
    try:
        block = entry_block(store.read_text(), args.entry_id)
    except LayoutError as exc:
        raise Refused(f"{args.knowledge}: {exc}") from exc
    if block is None:
        raise Refused(f"there is no entry {args.entry_id!r}")
    sys.stdout.write(block if block.endswith("\n") else block + "\n")
    return 0


@_refusing
def _history(args: argparse.Namespace) -> int:
    changes = _store(args).history.changes(args.entry_id, limit=args.limit)
    if not changes:
        print("no changes recorded" + (f" for {args.entry_id}" if args.entry_id else ""), file=sys.stderr)
    for change in changes:
        print(change.summary())
        if args.verbose:
            for label, block in (("before", change.before), ("after", change.after)):
                print(f"  {label}:" + (" (none)" if block is None else ""))
                for line in textwrap.dedent(block or "").splitlines():
                    print(f"    {line}")
    return 0
