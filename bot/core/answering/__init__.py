"""Answering: text -> parts -> normalise -> retrieve -> decide -> Answer (no storage, no Discord)."""
