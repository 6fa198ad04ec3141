"""Array types and the numpy operations every stage uses."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def random_matrix(rows: int, columns: int, seed: int = 0) -> FloatArray:
    generator = np.random.default_rng(seed)
    result: FloatArray = generator.normal(size=(rows, columns))
    return result


def zeros(rows: int, columns: int) -> FloatArray:
    result: FloatArray = np.zeros((rows, columns), dtype=np.float64)
    return result


def column_means(values: FloatArray) -> FloatArray:
    result: FloatArray = values.mean(axis=0)
    return result


def column_stds(values: FloatArray) -> FloatArray:
    result: FloatArray = values.std(axis=0)
    return result


def zscore(values: FloatArray) -> FloatArray:
    stds = column_stds(values)
    safe = np.where(stds == 0.0, 1.0, stds)
    result: FloatArray = (values - column_means(values)) / safe
    return result


def clip(values: FloatArray, low: float, high: float) -> FloatArray:
    result: FloatArray = np.clip(values, low, high)
    return result


def moving_average(values: FloatArray, width: int) -> FloatArray:
    if width <= 1:
        return values.copy()
    kernel = np.ones(width, dtype=np.float64) / width
    columns = [
        np.convolve(values[:, index], kernel, mode="same") for index in range(values.shape[1])
    ]
    result: FloatArray = np.stack(columns, axis=1)
    return result


def missing_mask(values: FloatArray) -> BoolArray:
    result: BoolArray = np.isnan(values)
    return result


def fill_missing(values: FloatArray, fill: float) -> FloatArray:
    result: FloatArray = np.where(np.isnan(values), fill, values)
    return result


def missing_fraction(values: FloatArray) -> float:
    return float(missing_mask(values).mean())


def argmax_rows(values: FloatArray) -> IntArray:
    result: IntArray = np.argmax(values, axis=1).astype(np.int64)
    return result


def window_slice(values: FloatArray, start: int, stop: int, step: int) -> FloatArray:
    result: FloatArray = values[start:stop:step]
    return result


def add_bias(values: FloatArray) -> FloatArray:
    ones = np.ones((values.shape[0], 1), dtype=np.float64)
    result: FloatArray = np.hstack([ones, values])
    return result


def solve_least_squares(design: FloatArray, target: FloatArray) -> FloatArray:
    solution, _residuals, _rank, _singular = np.linalg.lstsq(design, target, rcond=None)
    result: FloatArray = np.asarray(solution, dtype=np.float64)
    return result


def matmul(left: FloatArray, right: FloatArray) -> FloatArray:
    result: FloatArray = left @ right
    return result


def squared_error(predicted: FloatArray, actual: FloatArray) -> float:
    return float(np.mean((predicted - actual) ** 2))


def absolute_error(predicted: FloatArray, actual: FloatArray) -> float:
    return float(np.mean(np.abs(predicted - actual)))


def correlation(left: FloatArray, right: FloatArray) -> float:
    if left.size < 2:
        return 0.0
    matrix = np.corrcoef(left.ravel(), right.ravel())
    return float(matrix[0, 1])


def histogram(values: FloatArray, bins: int) -> IntArray:
    counts, _edges = np.histogram(values, bins=bins)
    result: IntArray = counts.astype(np.int64)
    return result
