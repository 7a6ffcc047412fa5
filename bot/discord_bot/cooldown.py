"""How often a member may ask, shared by every way of asking (/ask, mentions, the context menu, QA channels).

The limits stop floods and channel spam, not curiosity:

- a public answer (one everyone in the channel sees: /ask, a mention, a QA-channel answer) is limited to
  BOT_PUBLIC_QUESTIONS_PER_MINUTE per member (default 20);
- a private answer (/ask private:True, the "Ask the FAQ" context menu, a direct message) only shows up
  for the member, so it is limited only against abuse: BOT_PRIVATE_QUESTIONS_PER_MINUTE (default 60);
- moderators (Manage Messages, or a role in BOT_MODERATOR_ROLE_IDS) are never limited;
- 0 turns a limit off.

Clicking a "did you mean" suggestion, a vote or a page button is not a question and is never limited.
The same question answered publicly in the same channel a moment ago gets a pointer to that answer
instead of a second copy: see bot.discord_bot.repeats.
"""

from __future__ import annotations

import time

import discord
from discord import app_commands

from bot.discord_bot.checks import is_moderator, is_moderator_member
from bot.discord_bot.config import DEFAULT_PRIVATE_PER_MINUTE, DEFAULT_PUBLIC_PER_MINUTE, DiscordConfig

WINDOW = 60.0  # seconds: the limits are per minute
FORGET_AFTER = 10_000  # members tracked before those whose minute has passed are forgotten


class QuestionCooldown:
    def __init__(self, public_per_minute: int = DEFAULT_PUBLIC_PER_MINUTE,
                 private_per_minute: int = DEFAULT_PRIVATE_PER_MINUTE, *, moderator_role_ids=frozenset(),
                 per: float = WINDOW):
        self.public_per_minute = public_per_minute
        self.private_per_minute = private_per_minute
        self.moderator_role_ids = frozenset(moderator_role_ids)
        self.per = per
        self._buckets: dict[tuple[int, bool], app_commands.Cooldown] = {}

    @classmethod
    def from_config(cls, config: DiscordConfig) -> QuestionCooldown:
        return cls(config.public_per_minute, config.private_per_minute,
                   moderator_role_ids=config.moderator_role_ids)

    def limit(self, *, public: bool) -> int:
        return self.public_per_minute if public else self.private_per_minute

    def retry_after(self, user_id: int, *, public: bool = True, exempt: bool = False) -> float | None:
        """Count one question for `user_id`; None when allowed, else seconds until they may ask again."""
        rate = self.limit(public=public)
        if exempt or rate <= 0:
            return None
        now = time.monotonic()
        if len(self._buckets) > FORGET_AFTER:
            self.forget_idle(now)
        key = (user_id, public)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = app_commands.Cooldown(rate, self.per)
        return bucket.update_rate_limit(now)

    def for_interaction(self, interaction: discord.Interaction, *, public: bool) -> float | None:
        """retry_after() for the member behind a slash command or context menu (moderators exempt)."""
        config = getattr(interaction.client, "config", None)  # as moderator_only() reads it: the bot's settings now
        roles = getattr(config, "moderator_role_ids", self.moderator_role_ids)
        return self.retry_after(interaction.user.id, public=public, exempt=is_moderator(interaction, roles))

    def for_message(self, message: discord.Message) -> float | None:
        """retry_after() for a mention or QA-channel message (public; a direct message is private)."""
        public = message.guild is not None
        return self.retry_after(message.author.id, public=public,
                                exempt=is_moderator_member(message.author, message.channel, self.moderator_role_ids))

    def forget_idle(self, now: float | None = None) -> None:
        """Drop the members whose minute has passed (they are back to a full allowance anyway)."""
        now = time.monotonic() if now is None else now
        self._buckets = {k: b for k, b in self._buckets.items() if b.get_tokens(now) < b.rate}

    def tracked(self) -> int:
        return len(self._buckets)

    def reset(self, user_id: int | None = None) -> None:
        if user_id is None:
            self._buckets.clear()
        else:
            for key in [k for k in self._buckets if k[0] == user_id]:
                del self._buckets[key]


def wait_message(seconds: float, *, public: bool = True) -> str:
    text = f"That's a lot of questions in a minute. Please wait {max(1, round(seconds))} s, then ask again."
    if public:
        text += " Questions asked with `private:True` (only you see the answer) have a higher limit."
    return text
