"""The Discord adapter: a thin layer that puts bot.core on Discord (slash commands, mentions, a context menu).

Nothing here decides what to answer; bot.core does. This package renders answers for Discord, wires the
commands and keeps Discord's limits. Import it only where discord.py is wanted (not from `ask`).
"""
