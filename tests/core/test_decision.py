"""The learned decision: fitting, the stored coefficients, and the features it relies on."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.answering import calibrate
from bot.core.answering.answer import Answerer
from bot.core.answering.decide import Decision, Logistic, fit_logistic, load_decision
from bot.core.answering.retrieve import FEATURES


def test_fit_logistic_recovers_a_known_model():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4000, 2))
    p = 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0 * x[:, 1] + 0.5)))
    y = (rng.random(4000) < p).astype(float)
    mean, scale, weights, bias = fit_logistic(x, y, l2=0.0)
    # weights are per standardised feature: undo the scaling to compare
    assert weights[0] / scale[0] == pytest.approx(2.0, abs=0.2)
    assert weights[1] / scale[1] == pytest.approx(-1.0, abs=0.2)


def test_the_stored_decision_reads_the_current_features():
    decision = load_decision()
    assert decision.features == FEATURES
    assert len(decision.ranker.weights) == len(FEATURES)
    assert len(decision.confidence.weights) == len(FEATURES) + 2
    assert 0.0 < decision.suggest_at <= decision.answer_at < 1.0


def test_refitting_the_training_sets_reproduces_the_stored_decision(bundled_knowledge):
    """`python -m bot calibrate` is deterministic: the committed decision.json is what the training
    sets and the committed knowledge give."""
    questions = calibrate.load_sets(calibrate.question_files(calibrate.TRAIN_DIR))
    assert len(questions) >= 400
    refit, _ = calibrate.fit(Answerer(bundled_knowledge, decision=Decision.untrained(FEATURES)), questions)
    stored = load_decision()
    assert refit.answer_at == pytest.approx(stored.answer_at, abs=1e-6)
    assert refit.ranker.weights == pytest.approx(stored.ranker.weights, abs=1e-4)
    assert refit.confidence.weights == pytest.approx(stored.confidence.weights, abs=1e-4)


def test_training_and_validation_sets_do_not_overlap():
    train = {q.q.strip().lower() for q in calibrate.load_sets(calibrate.question_files(calibrate.TRAIN_DIR))}
    validation = {q.q.strip().lower() for q in calibrate.load_sets(calibrate.question_files(calibrate.VALIDATION_DIR))}
    assert train and validation and not train & validation


def _feature(answerer, question, name):
    retrieved = answerer.retriever.retrieve(question)
    i = FEATURES.index(name)
    return {p.candidate.key: p.features[i] for p in retrieved.pool}


def test_a_number_the_candidate_lacks_is_a_feature(answerer):
    features = _feature(answerer, "What happened on October 23?", "number_mismatch")
    assert features and all(v == 1.0 for v in features.values())
    assert 0.0 in _feature(answerer, "What happened on October 22?", "number_mismatch").values()


def test_a_wrong_number_is_not_answered(answerer):
    assert answerer.ask("What did the air forces do on October 22?").answered
    assert not answerer.ask("What did the air forces do on October 23?").answered


def test_a_part_the_answer_type_check_settles_does_not_teach_the_confidence_model():
    """A top candidate that lacks the asked detail is never answered, whatever P says: it is left out
    of what the confidence model learns from, so a strong match to the right topic is not taught as a
    wrong answer."""
    n = len(FEATURES)
    rows = [calibrate.Example(0, 0, 0, (1.0,) * n, False, settled=True),
            calibrate.Example(0, 0, 0, (0.0,) * n, False),
            calibrate.Example(1, 1, 0, (1.0,) * n, True),
            calibrate.Example(1, 1, 0, (0.0,) * n, False)]
    x, y = calibrate._tops(rows, np.array([2.0, 0.0, 2.0, 0.0]))
    assert len(x) == 1 and y.tolist() == [1.0]
    rows[0] = calibrate.Example(0, 0, 0, (1.0,) * n, False)
    x, y = calibrate._tops(rows, np.array([2.0, 0.0, 2.0, 0.0]))
    assert sorted(y.tolist()) == [0.0, 1.0]


def test_folds_hold_whole_author_sets():
    """Out-of-fold figures are those of authors the models never read: no set is split across folds."""
    questions = calibrate.load_sets(calibrate.question_files(calibrate.TRAIN_DIR))
    folds = calibrate.fold_of(questions)
    by_author: dict[str, set[int]] = {}
    for q, f in zip(questions, folds):
        by_author.setdefault(calibrate.author(q), set()).add(f)
    assert len(by_author) >= calibrate.FOLDS
    assert all(len(f) == 1 for f in by_author.values())
    assert set(folds) == set(range(calibrate.FOLDS))


def test_the_cut_off_takes_the_cautious_side_of_the_spread_between_authors():
    """Two authors: one whose questions go wrong only at low cut-offs, one who trips the bot up to a
    high one. Resampling whole authors, the cautious quantile lands where the hard author stays within
    budget more often than the median does."""
    cutoffs = (0.5, 0.6, 0.7, 0.8, 0.9)
    rows, groups = [], []
    for author, wrong_below in (("easy", 0.6), ("hard", 0.9)):
        for i in range(50):
            rows.append([c < wrong_below and i < 10 for c in cutoffs])
            groups.append(author)
    answered = np.ones((len(rows), len(cutoffs)), dtype=bool)
    right = ~np.array(rows)
    median = calibrate.choose_cutoff(answered, right, groups, budget=0.05, cutoffs=cutoffs, quantile=0.5)
    cautious = calibrate.choose_cutoff(answered, right, groups, budget=0.05, cutoffs=cutoffs, quantile=0.9)
    assert cautious == 0.9 and median <= cautious
    assert calibrate.choose_cutoff(answered, right, groups, budget=0.05, cutoffs=cutoffs) == cautious


def test_an_entry_and_the_sentence_it_quotes_lend_each_other_their_similarity(answerer):
    """source_semantic: an entry's value is the question's similarity to the article sentence its quote stands
    in (and a sentence's, to its entries'); a candidate with no such link reads 0."""
    retriever = answerer.retriever
    candidates = retriever.matcher.index.candidates
    where = {c.key: i for i, c in enumerate(candidates)}
    entry = where["aerial-exercise-date"]
    quoted = candidates[entry].source.quote
    [sentence] = [i for i in retriever._sources[entry]]
    assert candidates[sentence].kind == "fact" and quoted in candidates[sentence].text
    assert entry in retriever._sources[sentence]

    question = "When did the three air forces first fly together?"
    retrieved = retriever.retrieve(question)
    semantic = retriever.semantic_scores(retriever.question_vector(question))
    pooled = {p.candidate.key: p for p in retrieved.pool}
    column = FEATURES.index("source_semantic")
    assert pooled["aerial-exercise-date"].features[column] == pytest.approx(float(semantic[sentence]), abs=1e-6)
    header = where["article-title"]  # quotes the header, which no sentence of the body holds
    assert retriever._sources[header] == ()


def test_the_mean_of_fold_models_has_the_mean_of_their_logits():
    """The stored decision is the mean of the fold models (calibrate.fit): its logit for any input is
    the mean of theirs, so the probabilities the cut-off was chosen from are the ones it gives."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 4)) * [1.0, 5.0, 0.1, 2.0] + [0.0, 3.0, -1.0, 7.0]
    y = (x @ [1.0, -0.2, 4.0, 0.3] + rng.normal(size=200) > 2.0).astype(float)
    models = [Logistic.fit(x[i::3], y[i::3], l2=1.0) for i in range(3)]
    mean = Logistic.average(models)
    for row in x[:20]:
        assert mean.logit(row) == pytest.approx(sum(m.logit(row) for m in models) / 3, abs=1e-9)


def test_attempts_settled_once_say_at_every_cut_off_what_the_bot_would(answerer):
    """Calibration and the curves settle each question once, with a decision of cut-off 0, and read
    every cut-off off those attempts. That must be what the bot with that cut-off says: the same
    "did you mean" floor (a message's unsure part is offered, a hopeless one is called missing while
    the other parts are answered) and the same preference for a curated entry over the article's
    sentence when the entry's own probability reaches the cut-off."""
    from dataclasses import replace

    from bot.core.answering.answer import Answer, compose

    stored = load_decision()
    at_zero = calibrate._decision(stored.ranker, stored.confidence, 0.0)
    questions = [q for q in calibrate.load_sets(calibrate.question_files(calibrate.TRAIN_DIR))
                 if q.kind in ("multi", "paraphrase")][:160]
    cutoffs = (0.5, 0.8, stored.answer_at, 0.95)
    compared = preferred = parts = 0
    for q in questions:
        steps = answerer.plan(q.q)
        if isinstance(steps, Answer):
            continue
        settled = answerer.attempts(steps, at_zero)
        parts += len(settled) > 1
        for cut in cutoffs:
            bot = answerer.attempts(steps, replace(stored, answer_at=cut))
            reply = compose(q.q, settled, cut)
            assert reply == compose(q.q, bot, cut), (q.q, cut)
            compared += 1
            entry = settled[0].curated
            if len(settled) == 1 and entry is not None and entry.probability >= cut and entry.answer.answered:
                assert reply.entry_id == entry.answer.entry_id, (q.q, cut)  # the entry, not the sentence
                preferred += 1
    assert compared > 400 and preferred > 5 and parts > 20
