"""Model: a least-squares model fitted on proxied feature tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import numpy as np

from proxystore import Proxy, SimpleFactory, extract

from .arrays import FloatArray, add_bias, matmul, solve_least_squares
from .records import FeatureTable, Labels, Series
from .settings import Settings

M = TypeVar("M", bound="Predictor")


class Predictor(Protocol):
    def predict(self, table: Proxy[FeatureTable]) -> FloatArray: ...

    def describe(self) -> str: ...


@dataclass
class LinearModel:
    weights: FloatArray
    feature_names: list[str]
    ridge: float = 0.0
    history: list[float] = field(default_factory=list)

    def predict(self, table: Proxy[FeatureTable]) -> FloatArray:
        return matmul(add_bias(table.values), self.weights)

    def describe(self) -> str:
        return f"linear model over {len(self.feature_names)} features"

    def coefficient(self, name: str) -> float:
        return float(self.weights[1 + self.feature_names.index(name)])

    def top(self, count: int) -> list[tuple[str, float]]:
        pairs = [(name, self.coefficient(name)) for name in self.feature_names]
        pairs.sort(key=lambda pair: abs(pair[1]), reverse=True)
        return pairs[:count]


@dataclass
class MeanModel:
    mean: float

    def predict(self, table: Proxy[FeatureTable]) -> FloatArray:
        result: FloatArray = np.full(table.values.shape[0], self.mean, dtype=np.float64)
        return result

    def describe(self) -> str:
        return f"constant {self.mean:.3f}"


class Ensemble(Generic[M]):
    def __init__(self, members: list[M]) -> None:
        self.members = members

    def predict(self, table: Proxy[FeatureTable]) -> FloatArray:
        predictions = [member.predict(table) for member in self.members]
        result: FloatArray = np.mean(np.stack(predictions, axis=0), axis=0)
        return result

    def describe(self) -> str:
        return " + ".join(member.describe() for member in self.members)


def fit_linear(
    table: Proxy[FeatureTable], labels: Proxy[Labels], ridge: float = 0.0
) -> Proxy[LinearModel]:
    design = add_bias(table.values)
    if ridge > 0.0:
        penalty = np.sqrt(ridge) * np.eye(design.shape[1], dtype=np.float64)
        design = np.vstack([design, penalty])
        target: FloatArray = np.concatenate(
            [labels.values, np.zeros(design.shape[1], dtype=np.float64)]
        )
    else:
        target = labels.values
    weights = solve_least_squares(design, target)
    return Proxy(SimpleFactory(LinearModel(weights, list(table.names), ridge)))


def fit_mean(labels: Proxy[Labels]) -> Proxy[MeanModel]:
    return Proxy(SimpleFactory(MeanModel(float(labels.values.mean()))))


def fit_ensemble(
    table: Proxy[FeatureTable], labels: Proxy[Labels], ridges: list[float]
) -> Ensemble[LinearModel]:
    members = [extract(fit_linear(table, labels, ridge)) for ridge in ridges]
    return Ensemble(members)


def residuals(
    model: Proxy[LinearModel], table: Proxy[FeatureTable], labels: Proxy[Labels]
) -> FloatArray:
    result: FloatArray = model.predict(table) - labels.values
    return result


def refit(
    model: Proxy[LinearModel], table: Proxy[FeatureTable], labels: Proxy[Labels]
) -> Proxy[LinearModel]:
    fresh = fit_linear(table, labels, model.ridge)
    fresh.history.extend(model.history)
    fresh.history.append(float(np.mean(residuals(fresh, table, labels) ** 2)))
    return fresh


def choose(
    models: list[Proxy[LinearModel]], table: Proxy[FeatureTable], labels: Proxy[Labels]
) -> Proxy[LinearModel]:
    errors = [float(np.mean(residuals(model, table, labels) ** 2)) for model in models]
    return models[errors.index(min(errors))]


def train(
    table: Proxy[FeatureTable], labels: Proxy[Labels], settings: Settings
) -> tuple[Proxy[LinearModel], Series[float]]:
    curve: Series[float] = Series("ridge")
    candidates: list[Proxy[LinearModel]] = []
    for ridge in (0.0, 0.1, 1.0, 10.0):
        model = fit_linear(table, labels, ridge)
        curve.add(float(np.mean(residuals(model, table, labels) ** 2)))
        candidates.append(model)
    best = choose(candidates, table, labels)
    if settings.mode == "replay":
        best = refit(best, table, labels)
    return best, curve


def describe_all(predictors: list[Predictor]) -> list[str]:
    return [predictor.describe() for predictor in predictors]
