"""Nothing in the database goes undocumented: every table and column has a description in metadata.yml."""
import yaml

from support import ROOT


def _metadata_tables():
    meta = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return meta["databases"]["policy"]["tables"]


def _public_tables(db):
    # FTS5 shadow tables (clauses_fts_data, _idx, _docsize, _config) are SQLite's internals.
    return [r[0] for r in db.execute(
        "select name from sqlite_master where type in ('table', 'view') "
        "and name not glob 'clauses_fts_*' and name not like 'sqlite_%'")]


def test_every_table_is_described(db):
    described = _metadata_tables()
    for table in _public_tables(db):
        assert table in described, f"table {table} is not in metadata.yml"
        assert described[table].get("description") or described[table].get("description_html"), table


def test_every_column_is_described(db):
    described = _metadata_tables()
    for table in _public_tables(db):
        columns = [r[1] for r in db.execute(f"pragma table_info([{table}])")]
        documented = described[table].get("columns", {})
        for column in columns:
            assert (documented.get(column) or "").strip(), f"{table}.{column} has no description"


def test_metadata_describes_nothing_that_does_not_exist(db):
    tables = set(_public_tables(db))
    for table, spec in _metadata_tables().items():
        assert table in tables, f"metadata.yml describes missing table {table}"
        columns = {r[1] for r in db.execute(f"pragma table_info([{table}])")}
        assert set(spec.get("columns", {})) <= columns, table
