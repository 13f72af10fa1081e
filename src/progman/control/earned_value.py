"""Earned value: moved to `progman.forecasting.earned_value`, re-exported here."""

from ..forecasting.earned_value import EarnedSchedule, EarnedValue, earned_value, total

__all__ = ["EarnedSchedule", "EarnedValue", "earned_value", "total"]
