"""Benchmarks: answer quality against baselines, and speed at scale (`python -m bot bench`).

Modules: synthetic (seeded distractor entries), baselines (naive extractOne, BM25, MiniLM),
scoring (the dev-set rules), quality, speed, coldstart, discord_load, machine, report, run.
Everything beyond the runtime dependencies is optional (the `bench` extra); a method whose
extra is missing is reported as skipped, never silently dropped.
"""
