"""Amounts of money as the documents write them: 万元 in Chinese, yuan in English.

The one formatter for every output (pages, CLI reports, the browser's match table, papers),
so an amount reads the same everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def _wan(yuan: int | float) -> str:
    """Yuan as 万元, to at most two decimals: 50000 → "5", 1234567 → "123.46"."""
    value = (Decimal(str(yuan)) / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value:f}".rstrip("0").rstrip(".")


def _yuan(yuan: int | float) -> str:
    value = Decimal(str(yuan)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{int(value):,}"


def format_amount(amount: dict, lang: str) -> str:
    """``{min, max}`` in yuan as text: "5万元" / "50,000 yuan", or a range "10–30万元"."""
    low, high = amount["min"], amount["max"]
    if lang == "zh":
        return f"{_wan(low)}万元" if low == high else f"{_wan(low)}–{_wan(high)}万元"
    return f"{_yuan(low)} yuan" if low == high else f"{_yuan(low)}–{_yuan(high)} yuan"
