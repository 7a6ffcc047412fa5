"""A question-answering bot for a school newspaper club: one article, sourced answers.

bot.core is the Discord-free heart (knowledge, matching, answers, dates, storage); bot.console and
bot.discord_bot are thin adapters on top of it; bot.cli is the command line (`python -m bot ...`).
"""

__version__ = "0.1.0"
