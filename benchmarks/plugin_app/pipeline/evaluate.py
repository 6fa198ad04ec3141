"""Evaluate: scores of proxied models on proxied tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from proxystore import Proxy, SimpleFactory, extract

from .arrays import FloatArray, absolute_error, argmax_rows, correlation, squared_error
from .model import LinearModel, MeanModel
from .records import FeatureTable, Issue, Labels, Score, Series
from .settings import Severity, Stage


class Split(NamedTuple):
    train: FloatArray
    test: FloatArray

    def sizes(self) -> tuple[int, int]:
        return int(self.train.shape[0]), int(self.test.shape[0])


@dataclass(order=True)
class Ranking:
    score: float
    name: str = field(compare=False)


@dataclass
class Evaluation:
    scores: list[Score]
    rankings: list[Ranking]
    issues: list[Issue]

    def best(self) -> Score:
        return max(self.scores)

    def by_name(self, name: str) -> Score:
        for score in self.scores:
            if score.name == name:
                return score
        raise KeyError(name)


def split_rows(table: Proxy[FeatureTable], fraction: float) -> Split:
    cut = int(table.values.shape[0] * fraction)
    train: FloatArray = table.values[:cut]
    test: FloatArray = table.values[cut:]
    return Split(train, test)


def split_proxy(table: Proxy[FeatureTable], fraction: float) -> Proxy[Split]:
    return Proxy(SimpleFactory(split_rows(table, fraction)))


def train_size(split: Proxy[Split]) -> int:
    train, _test = split
    return int(train.shape[0])


def mse(model: Proxy[LinearModel], table: Proxy[FeatureTable], labels: Proxy[Labels]) -> Score:
    return Score("mse", squared_error(model.predict(table), labels.values), higher_is_better=False)


def mae(model: Proxy[LinearModel], table: Proxy[FeatureTable], labels: Proxy[Labels]) -> Score:
    return Score("mae", absolute_error(model.predict(table), labels.values), higher_is_better=False)


def corr(model: Proxy[LinearModel], table: Proxy[FeatureTable], labels: Proxy[Labels]) -> Score:
    return Score("corr", correlation(model.predict(table), labels.values))


def baseline(model: Proxy[MeanModel], table: Proxy[FeatureTable], labels: Proxy[Labels]) -> Score:
    return Score(
        "baseline", squared_error(model.predict(table), labels.values), higher_is_better=False
    )


def accuracy(predicted: FloatArray, labels: Proxy[Labels]) -> float:
    if predicted.ndim == 1:
        edges = np.quantile(labels.values, [1 / 3, 2 / 3])
        classes = np.searchsorted(edges, predicted)
    else:
        classes = argmax_rows(predicted)
    return float(np.mean(classes == labels.classes))


def rank(scores: list[Score]) -> list[Ranking]:
    rankings = [
        Ranking(score.value if score.higher_is_better else -score.value, score.name)
        for score in scores
    ]
    return sorted(rankings, reverse=True)


def evaluate(
    model: Proxy[LinearModel],
    base: Proxy[MeanModel],
    table: Proxy[FeatureTable],
    labels: Proxy[Labels],
) -> Proxy[Evaluation]:
    scores = [mse(model, table, labels), mae(model, table, labels), corr(model, table, labels)]
    reference = baseline(base, table, labels)
    issues: list[Issue] = []
    if scores[0].value > reference.value:
        issues.append(Issue(Stage.EVALUATE, Severity.WARNING, "model is worse than the baseline"))
    scores.append(reference)
    scores.append(Score("accuracy", accuracy(model.predict(table), labels)))
    return Proxy(SimpleFactory(Evaluation(scores, rank(scores), issues)))


def learning_curve(curve: Series[float]) -> list[float]:
    return [round(value, 6) for value in curve.items]


def improved(before: Proxy[Evaluation], after: Proxy[Evaluation]) -> bool:
    return after.by_name("mse") > before.by_name("mse")


def worst_issue(evaluation: Proxy[Evaluation]) -> Issue | None:
    issues = extract(evaluation).issues
    if not issues:
        return None
    return max(issues, key=lambda issue: issue.severity)
