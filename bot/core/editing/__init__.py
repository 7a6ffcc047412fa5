"""Editing: moderators' changes to faq.yaml, byte-preserving, atomic, locked and recorded in the history."""
