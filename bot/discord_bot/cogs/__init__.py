"""One extension per feature. Every module here (not starting with '_') is loaded at start, in name order,
so each must define `setup(bot)` (last in the module); shared helpers belong in bot.discord_bot instead."""
