"""State: the bot's own SQLite data (history tables, questions, votes, stats) and where it lives."""
