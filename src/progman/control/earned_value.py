"""Earned value: moved to `progman.forecast.earned_value`, re-exported here."""

from ..forecast.earned_value import EarnedSchedule, EarnedValue, earned_value, total

__all__ = ["EarnedSchedule", "EarnedValue", "earned_value", "total"]
