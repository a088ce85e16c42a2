"""Unit tests for ingest.numbers: printed numbers to values."""
import pytest

from ingest.numbers import parse_chinese, parse_chinese_range, tidy


@pytest.mark.parametrize("surface, expected", [
    ("三四十", (30, 40)), ("两三千", (2000, 3000)), ("十五六", (15, 16)), ("二三十万", (200000, 300000)),
    ("三五百", (300, 500)), ("一两百", (100, 200)), ("一百", (100, None)), ("1.5万", (15000, None)),
])
def test_parse_chinese_range(surface, expected):
    assert parse_chinese_range(surface) == expected


@pytest.mark.parametrize("surface", ["三三", "一二三", "〇亿〇", "万3十8"])
def test_parse_chinese_raises_value_error_for_what_is_not_one_number(surface):
    with pytest.raises(ValueError):
        parse_chinese(surface)


@pytest.mark.parametrize("value, expected", [(1490.0, 1490), (2.5, 2.5), (2.0 ** 53, 2 ** 53), (1e30, 1e30)])
def test_tidy_gives_an_int_only_where_sqlite_and_a_float_hold_it(value, expected):
    result = tidy(value)
    assert result == expected and type(result) is type(expected)
