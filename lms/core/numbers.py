"""Numbers written the Indian way: 10,098 · 1,00,000 · 12,34,56,789 (lakh and crore grouping).

The last three digits form one group and every two digits before them another. Only the
integer part is grouped; a fraction is kept as given (or rounded half-up to ``decimals``
places). CSV exports deliberately do not use this: they carry plain digits for machines."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["format_indian", "group_indian"]


def group_indian(digits: str) -> str:
    """Commas into a string of digits: "1234567" -> "12,34,567"."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.append(head[-2:])
        head = head[:-2]
    groups.append(head)
    return ",".join([*reversed(groups), tail])


def _as_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number to format")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that reads back as the same float
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    raise TypeError(f"cannot format {type(value).__name__} as a number")


def format_indian(value, decimals: int | None = None) -> str:
    """``value`` (int, float, Decimal or numeric text) with Indian digit grouping.

    None gives "" (callers choose their own placeholder); NaN and infinities are returned as
    text unchanged. ``decimals`` rounds half-up to that many places; without it the fraction
    is kept exactly as the value has it (floats by their shortest representation)."""
    if value is None:
        return ""
    number = _as_decimal(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(number, "f")  # never exponent notation
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _dot, fraction = text.partition(".")
    if number.is_zero():
        sign = ""  # no "-0"
    return sign + group_indian(whole) + (f".{fraction}" if fraction else "")
