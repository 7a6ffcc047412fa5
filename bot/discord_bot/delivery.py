"""Getting replies to Discord through transient faults, within Discord's deadlines.

discord.py retries a connection reset only for errno 54/10054 (macOS, Windows; Linux says 104), never a
dropped answer (the server closed the connection), a 503 on a bot request, or a 429 that lacks the Via
header, and its own 5xx back-off (1 s, 3 s, ...) overruns an interaction's 3-second window. Here:

- `is_transient`: resets of any errno, dropped answers, timeouts, 5xx and 429 are worth another try;
- an interaction's first reply gets one attempt sized to leave time in the 3-second window; if it fails
  for a transient reason the interaction is deferred at once (a small request, retried with jittered
  back-off inside the window), then the reply is put in place by editing the deferred message (retried
  with back-off for up to FOLLOWUP_BUDGET; Discord keeps the token 15 minutes). A first reply that did
  reach Discord although its answer was lost shows up as "already acknowledged" (40060) and is edited.
  A first reply still on the wire when its room is spent is slow, not lost: it is waited for until the
  deadline (calling it off would lose a reply that may arrive in time, and a defer would queue behind it);
- channel messages (mention replies) are retried with back-off for up to MESSAGE_BUDGET;
- 429s are honoured: their Retry-After (header or body) is waited, within the budget.

Every wait is jittered, so many replies hit by the same fault do not retry in lockstep.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

INTERACTION_WINDOW = 3.0  # Discord's deadline for the first reply, from the interaction's creation
SAFETY = 0.3  # seconds kept back from the window for the request itself to arrive
DEFER_RESERVE = 0.9  # seconds of the window kept for deferring, should the first attempt fail
FOLLOWUP_BUDGET = 30.0  # how long an edit or follow-up is retried (the token lives 15 minutes)
MESSAGE_BUDGET = 20.0  # how long a channel message is retried
ATTEMPT_TIMEOUT = 10.0  # one request's longest wait outside the 3-second window
BASE_DELAY, MAX_DELAY = 0.05, 2.0

ALREADY_ACKNOWLEDGED = 40060
UNKNOWN_INTERACTION = 10062


class Undelivered(Exception):
    """The reply could not be delivered within its budget; `cause` is the last failure."""

    def __init__(self, what: str, cause: BaseException | None):
        self.cause = cause
        super().__init__(f"{what}: {describe(cause) if cause else 'out of time'}")


def describe(exc: BaseException) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"{exc.status} {exc.text or type(exc).__name__}"[:200]
    return f"{type(exc).__name__}: {exc}"[:200]


def is_transient(exc: BaseException) -> bool:
    """Would the same request, tried again shortly, likely work?"""
    if isinstance(exc, discord.HTTPException):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, (OSError, aiohttp.ClientConnectionError, aiohttp.ClientPayloadError,
                            asyncio.TimeoutError))


def is_code(exc: BaseException, code: int) -> bool:
    return isinstance(exc, discord.HTTPException) and exc.code == code


def retry_after(exc: BaseException) -> float | None:
    """The wait a 429 asks for (its Retry-After header, else its body's retry_after)."""
    if not isinstance(exc, discord.HTTPException) or exc.status != 429:
        return None
    response = getattr(exc, "response", None)
    header = getattr(response, "headers", {}).get("Retry-After") if response is not None else None
    for value in (header, _body_retry_after(exc)):
        try:
            if value is not None:
                return max(0.0, float(value))
        except (TypeError, ValueError):
            continue
    return 1.0


def _body_retry_after(exc: discord.HTTPException) -> Any:
    try:
        return json.loads(exc.text).get("retry_after") if exc.text else None
    except (ValueError, AttributeError):
        return None


def backoff(attempt: int, *, base: float = BASE_DELAY, cap: float = MAX_DELAY) -> float:
    """Full-jitter exponential back-off: a random wait up to base * 2**attempt (at most cap)."""
    return random.uniform(base / 2, min(cap, base * (2 ** attempt)))


class RequestsOnTheWire:
    """The request paths on the wire right now (sent, not yet answered), from aiohttp's request tracing
    (discord.py's `http_trace` option). A first reply that outlasts its room is either on the wire (slow:
    it may still arrive in time, so it is waited for) or between discord.py's own retries of a 5xx (called
    off, so that a defer gets in: discord.py sends one request per route at a time)."""

    def __init__(self) -> None:
        self._paths: dict[str, int] = {}

    def trace_config(self) -> aiohttp.TraceConfig:
        config = aiohttp.TraceConfig()
        config.on_request_start.append(self._started)
        config.on_request_end.append(self._ended)
        config.on_request_exception.append(self._ended)
        return config

    def carrying(self, path: str) -> bool:
        """Is a request to `path` (under whatever API base) on the wire?"""
        return any(sent.endswith(path) for sent in self._paths)

    async def _started(self, _session: Any, _context: Any, params: Any) -> None:
        self._paths[params.url.path] = self._paths.get(params.url.path, 0) + 1

    async def _ended(self, _session: Any, _context: Any, params: Any) -> None:
        left = self._paths.get(params.url.path, 0) - 1
        if left > 0:
            self._paths[params.url.path] = left
        else:
            self._paths.pop(params.url.path, None)


ON_THE_WIRE = RequestsOnTheWire()  # the bot's HTTP client reports to it (FaqBot passes its trace_config)


def callback_path(interaction: discord.Interaction) -> str:
    """The path of the interaction's first reply, under the API base."""
    return f"/interactions/{interaction.id}/{interaction.token}/callback"


def interaction_deadline(interaction: discord.Interaction) -> float:
    """When (time.monotonic()) the interaction's first reply is due, at the latest."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    age = min(max(age, 0.0), INTERACTION_WINDOW)  # a skewed clock never makes it look expired or eternal
    return time.monotonic() + INTERACTION_WINDOW - age


async def retrying(what: str, attempt: Callable[[], Awaitable[T]], *, budget: float,
                   attempt_timeout: float = ATTEMPT_TIMEOUT,
                   give_up: Callable[[BaseException], bool] | None = None) -> T:
    """Run `attempt()` until it succeeds, retrying transient failures with jittered back-off for up to
    `budget` seconds. Other failures (and `give_up(exc)`) are raised at once; running out of time raises
    Undelivered."""
    end = time.monotonic() + budget
    last: BaseException | None = None
    for number in range(1000):
        left = end - time.monotonic()
        if left <= 0:
            break
        try:
            return await asyncio.wait_for(attempt(), timeout=min(attempt_timeout, max(left, 0.05)))
        except Exception as exc:  # noqa: BLE001 - sorted below
            if (give_up is not None and give_up(exc)) or not is_transient(exc):
                raise
            last = exc
        wait = retry_after(last)
        wait = backoff(number) if wait is None else wait + random.uniform(0, 0.05)
        if time.monotonic() + wait >= end:
            break
        log.info("retrying %s in %.2f s after %s", what, wait, describe(last))
        await asyncio.sleep(wait)
    raise Undelivered(what, last)


async def respond(interaction: discord.Interaction, *, ephemeral: bool, first: Callable[[], Awaitable[Any]],
                  edit: Callable[[], Awaitable[Any]]) -> None:
    """Deliver an interaction's reply: `first()` is the initial response (e.g. send_message), `edit()` puts
    the same reply in place of a deferred one (edit_original_response). See the module docstring."""
    if interaction.response.is_done():
        await retrying("an interaction edit", edit, budget=FOLLOWUP_BUDGET)
        return
    deadline = interaction_deadline(interaction)
    room = deadline - SAFETY - DEFER_RESERVE - time.monotonic()
    failure: BaseException | None = None
    if room > 0.2:
        sending = asyncio.ensure_future(first())
        await asyncio.wait({sending}, timeout=room)
        if not sending.done() and ON_THE_WIRE.carrying(callback_path(interaction)):
            # slow, not lost: it may still arrive in time, and a defer would only queue behind it
            log.info("the reply to interaction %s is slow to reach Discord: waiting for it", interaction.id)
            await asyncio.wait({sending}, timeout=max(deadline - time.monotonic(), 0.0) + SAFETY)
        if not sending.done():  # between discord.py's own retries, or never answered: defer instead
            sending.cancel()
            await asyncio.gather(sending, return_exceptions=True)
            failure = asyncio.TimeoutError()
        else:
            failure = sending.exception()
            if failure is None:
                return
            if not (is_transient(failure) or is_code(failure, ALREADY_ACKNOWLEDGED)):
                raise failure
    if failure is None or not is_code(failure, ALREADY_ACKNOWLEDGED):
        log.info("deferring interaction %s to retry its reply (%s)", interaction.id,
                 describe(failure) if failure else "little time left")
        try:
            await defer(interaction, ephemeral=ephemeral, deadline=deadline)
        except Exception as exc:  # noqa: BLE001 - an attempt may still have got through: the edit tells
            log.info("could not defer interaction %s (%s); trying to edit its reply anyway", interaction.id,
                     describe(exc))
    await retrying("an interaction reply", edit, budget=FOLLOWUP_BUDGET)


async def defer(interaction: discord.Interaction, *, ephemeral: bool, deadline: float | None = None) -> None:
    """Acknowledge the interaction ("thinking..."), retried inside its window; a response that already
    got through counts as done."""
    if interaction.response.is_done():
        return
    deadline = interaction_deadline(interaction) if deadline is None else deadline

    async def attempt() -> None:
        try:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except discord.HTTPException as exc:
            if not is_code(exc, ALREADY_ACKNOWLEDGED):
                raise

    await retrying("deferring an interaction", attempt, budget=max(deadline - SAFETY - time.monotonic(), 0.05),
                   give_up=lambda exc: is_code(exc, UNKNOWN_INTERACTION))


async def send_message(what: str, attempt: Callable[[], Awaitable[T]], *, budget: float = MESSAGE_BUDGET) -> T:
    """A channel message (a mention reply, a mod-log post), retried through transient faults. Pass the same
    `nonce()` to every attempt: Discord then creates the message once even if an earlier attempt got through
    and only its answer was lost (discord.py sends enforce_nonce with a nonce)."""
    return await retrying(what, attempt, budget=budget)


def nonce() -> str:
    """A message nonce (Discord allows 25 characters)."""
    return f"{random.getrandbits(63)}"
