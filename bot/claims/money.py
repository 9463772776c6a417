"""Money helpers: Decimal only, formatted the way Chinese users read amounts."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value: object) -> Decimal | None:
    """Parse a stored or typed amount into a two-decimal Decimal; None if not a number."""
    if value is None:
        return None
    try:
        return Decimal(str(value).replace(",", "").strip()).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return None


def yuan(amount: Decimal) -> str:
    """¥13,418.00"""
    return f"¥{amount:,.2f}"
