"""Serving: the knowledge version being answered from, its reloads, and watching the file for hand edits."""
