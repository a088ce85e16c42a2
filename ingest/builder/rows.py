"""Rows into SQLite with one executemany per table."""
import itertools
import operator


def insert_rows(conn, table, rows):
    """Rows (dicts of str, int, float and None) into an existing table with one executemany. sqlite-utils'
    insert_all inspects and converts every value, which costs most of the main process's time at scale."""
    columns = tuple(rows[0])
    values = _values_if_same_keys(rows, columns)
    if values is None:
        columns = tuple(dict.fromkeys(itertools.chain.from_iterable(rows)))
        values = (tuple(row.get(c) for c in columns) for row in rows)
    conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})",
        values)


def _values_if_same_keys(rows, columns):
    """The rows' values in the order of columns, as tuples made in C, when every row has exactly these keys
    (as many keys as there are columns, and each column among them); otherwise None."""
    if len(columns) < 2 or set(map(len, rows)) != {len(columns)}:
        return None  # (an itemgetter of one key gives a value, not a tuple)
    try:
        return list(map(operator.itemgetter(*columns), rows))  # all made before the first insert
    except KeyError:
        return None
