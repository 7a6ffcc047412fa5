"""Benchmarks: answer quality against baselines, and speed at scale (`python -m bot bench`).

Modules: synthetic (seeded distractor entries), baselines (naive extractOne, BM25 on rank-bm25,
BM25 through our normaliser, MiniLM), quality (validation and dev sets, baseline cut-offs fitted on
the training sets, coverage / confident-wrong curves), speed, coldstart, discord_load, machine,
report, run. Everything beyond the runtime dependencies is optional (the `bench` extra: matplotlib,
rank-bm25); a method or plot whose extra is missing is reported as skipped, never silently dropped.
"""
