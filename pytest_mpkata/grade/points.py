"""How scores are written: cents at most, whole numbers without ``.0``, splits that add up."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["SCORE_DECIMALS", "clean_number", "format_number", "split_points"]

SCORE_DECIMALS = 2


def format_number(value: float) -> str:
    """Two decimals at most and no trailing zeros: ``10``, ``6.67``, ``2.5``."""
    return str(clean_number(value))


def clean_number(value: float) -> float | int:
    """Round to cents and give whole numbers as ``int``, so files show ``10``, not ``10.0``."""
    rounded = round(float(value), SCORE_DECIMALS) + 0.0
    return int(rounded) if rounded.is_integer() else rounded


def split_points(amount: float, weights: Sequence[int]) -> list[float]:
    """Split ``amount`` in proportion to ``weights``, in cents that add up exactly to ``amount``.

    Largest remainders get the leftover cents, so 10 points over three tests give 3.34, 3.33, 3.33.
    """
    total_weight = sum(weights)
    if total_weight <= 0:
        return [0.0] * len(weights)
    cents = round(amount * 100)
    exact = [cents * weight / total_weight for weight in weights]
    shares = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda index: shares[index] - exact[index])
    for index in by_remainder[: cents - sum(shares)]:
        shares[index] += 1
    return [share / 100 for share in shares]
