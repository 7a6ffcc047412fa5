"""The decision: P(this candidate answers the question correctly), from a logistic regression fitted on
the training question sets (eval/train), and the two probabilities that split answer / suggest / abstain.

The coefficients and the cut-offs are data (bot/core/answering/data/decision.json), refitted by
`python -m bot calibrate`. Fitting is deterministic (Newton's method on an L2-penalised
log-likelihood), so refitting the same data reproduces the stored numbers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

DECISION_PATH = Path(__file__).with_name("data") / "decision.json"


@dataclass(frozen=True, slots=True)
class Logistic:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def logit(self, x: Sequence[float]) -> float:
        z = self.bias
        for v, m, s, w in zip(x, self.mean, self.scale, self.weights):
            z += w * (v - m) / s
        return max(-50.0, min(50.0, z))

    def probability(self, x: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(x)))

    def to_dict(self) -> dict:
        return {"mean": [round(v, 6) for v in self.mean], "scale": [round(v, 6) for v in self.scale],
                "weights": [round(v, 6) for v in self.weights], "bias": round(self.bias, 6)}

    @classmethod
    def from_dict(cls, data: dict) -> "Logistic":
        return cls(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), float(data["bias"]))

    @classmethod
    def average(cls, models: Sequence["Logistic"]) -> "Logistic":
        """The model whose logit is the mean of `models`' logits (exact: each is linear in the raw
        features), stored on raw features (mean 0, scale 1)."""
        raw = [(np.array(m.weights) / np.array(m.scale), np.array(m.mean)) for m in models]
        weights = np.mean([w for w, _ in raw], axis=0)
        bias = float(np.mean([m.bias - float(w @ mean) for m, (w, mean) in zip(models, raw)]))
        n = len(weights)
        return cls((0.0,) * n, (1.0,) * n, tuple(float(v) for v in weights), bias)

    @classmethod
    def fit(cls, x, y, *, l2: float) -> "Logistic":
        mean, scale, weights, bias = fit_logistic(x, y, l2=l2)
        return cls(tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                   tuple(float(v) for v in weights), float(bias))


def confidence_features(top: Sequence[float], top_logit: float, runner_up_logit: float) -> tuple[float, ...]:
    """What the confidence model reads of a question's best candidate: the ranker's view of it, its
    lead over the runner-up, and the candidate's own features."""
    return (top_logit, top_logit - runner_up_logit, *top)


@dataclass(frozen=True, slots=True)
class Decision:
    """Two small logistic models: the ranker orders a question's pooled candidates; the confidence
    model turns the best one into P(correct), which the cut-offs split into answer / suggest / abstain."""

    features: tuple[str, ...]
    ranker: Logistic
    confidence: Logistic
    answer_at: float  # P(correct) at or above which the bot answers
    suggest_at: float  # ... at or above which an entry is offered as "did you mean"

    def rank(self, pool: Sequence[Sequence[float]]) -> list[tuple[int, float]]:
        """(index into pool, ranker logit), best first."""
        scored = [(i, self.ranker.logit(f)) for i, f in enumerate(pool)]
        return sorted(scored, key=lambda pair: -pair[1])

    def probability(self, top: Sequence[float], top_logit: float, runner_up_logit: float) -> float:
        return self.confidence.probability(confidence_features(top, top_logit, runner_up_logit))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "ranker": self.ranker.to_dict(),
                "confidence": self.confidence.to_dict(),
                "answer_at": round(self.answer_at, 6), "suggest_at": round(self.suggest_at, 6)}

    @classmethod
    def untrained(cls, features: Sequence[str]) -> "Decision":
        """A decision that answers nothing: what calibration starts from."""
        n = len(features)
        flat = Logistic((0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0)
        wide = Logistic((0.0,) * (n + 2), (1.0,) * (n + 2), (0.0,) * (n + 2), -50.0)
        return cls(tuple(features), flat, wide, 1.0, 1.0)

    @classmethod
    def from_dict(cls, data: dict) -> "Decision":
        return cls(tuple(data["features"]), Logistic.from_dict(data["ranker"]), Logistic.from_dict(data["confidence"]),
                   float(data["answer_at"]), float(data["suggest_at"]))


def load_decision(path: Path = DECISION_PATH) -> Decision:
    return Decision.from_dict(json.loads(path.read_text(encoding="utf-8")))


def save_decision(decision: Decision, path: Path = DECISION_PATH) -> None:
    path.write_text(json.dumps(decision.to_dict(), indent=1) + "\n", encoding="utf-8")


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 50):
    """Standardise, then Newton-Raphson on the L2-penalised log-likelihood (bias unpenalised).
    Returns (mean, scale, weights, bias)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -50, 50)))
        gradient = z.T @ (p - y) + penalty * beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(z.shape[1])
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return mean, scale, beta[:-1], float(beta[-1])
