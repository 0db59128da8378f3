"""Bulk writers: rows of plain Python values into tables, as fast as each backend takes them.

PostgreSQL gets COPY (psycopg 3 `cursor.copy()`); SQLite gets `executemany` on the raw
connection. Both run inside the caller's transaction. Ids of the rows that other rows point to
(users, volunteers, assignments) are reserved up front, so no round trip per row is needed and
a database that already holds rows is never collided with.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import numpy as np
from django.db import IntegrityError, connections

from .tables import Table


class Writer(ABC):
    vendor = ""
    ids_from_sequences = False  # reserving ids needs no lock on the table (no transaction)

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.connection = connections[using]
        self.connection.ensure_connection()
        self.quote = self.connection.ops.quote_name

    @abstractmethod
    def reserve_ids(self, table: str, count: int) -> list[int]:
        """The next `count` primary keys of `table`, reserved for this batch."""

    def begin(self) -> None:  # noqa: B027 - an optional hook, empty by default
        """Called first in each batch's transaction."""

    def verify(self, written: list[tuple[Table, int, int]]) -> None:  # noqa: B027 - optional hook
        """Called last in each batch's transaction, with (table, first, last key written)."""

    @abstractmethod
    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        """Write `rows` into `table`; the number of rows written."""

    def timestamps(self, moments: np.ndarray) -> np.ndarray:
        """datetime64 values (UTC) as the text the backend stores for a DateTimeField."""
        text = np.datetime_as_string(moments.astype("datetime64[us]"), unit="us")
        return np.char.replace(text, "T", " ").astype(object)

    def timestamp(self, moment: datetime) -> str:
        naive = moment.astimezone(UTC).replace(tzinfo=None)
        return str(self.timestamps(np.array([np.datetime64(naive, "us")]))[0])

    @property
    def raw(self):
        return self.connection.connection


class SQLiteWriter(Writer):
    vendor = "sqlite"

    def reserve_ids(self, table: str, count: int) -> list[int]:
        cursor = self.raw.execute(f"SELECT coalesce(max(id), 0) FROM {self.quote(table)}")
        top = cursor.fetchone()[0]
        cursor = self.raw.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
        row = cursor.fetchone()
        start = max(top, row[0] if row else 0) + 1
        return list(range(start, start + count))

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        rows = rows if isinstance(rows, list) else list(rows)
        if rows:
            names = ", ".join(self.quote(c) for c in columns)
            marks = ", ".join("?" for _ in columns)
            self.raw.executemany(
                f"INSERT INTO {self.quote(table)} ({names}) VALUES ({marks})", rows
            )
        return len(rows)


class PostgresWriter(Writer):
    """COPY per table. Per-row foreign-key triggers cost PostgreSQL half of a batch; where the
    role may (a superuser, as pg_dump's --disable-triggers asks), a batch runs with
    `session_replication_role = replica` for its transaction only and checks every foreign key
    of the rows it wrote in one set-based query per key, locking the referenced rows FOR KEY
    SHARE as the triggers would: a broken reference still aborts the batch."""

    vendor = "postgresql"
    ids_from_sequences = True

    def __init__(self, using: str = "default") -> None:
        super().__init__(using)
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            self.set_based_checks = bool(cursor.fetchone()[0])

    def begin(self) -> None:  # noqa: B027 - an optional hook, empty by default
        if self.set_based_checks:
            with self.raw.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")

    def verify(self, written: list[tuple[Table, int, int]]) -> None:  # noqa: B027 - optional hook
        if not self.set_based_checks:
            return
        q = self.quote
        with self.raw.cursor() as cursor:
            for table, first, last in written:
                scope = q("id" if "id" in table.columns else table.columns[0])
                for field in table.model._meta.concrete_fields:
                    if not field.is_relation or field.column not in table.columns:
                        continue
                    parent = field.related_model._meta
                    key, target = q(field.column), q(field.target_field.column)
                    cursor.execute(
                        f"WITH keys AS (SELECT DISTINCT {key} AS k FROM {q(table.name)} "
                        f"WHERE {scope} BETWEEN %s AND %s AND {key} IS NOT NULL), "
                        f"locked AS (SELECT {target} FROM {q(parent.db_table)} "
                        f"WHERE {target} IN (SELECT k FROM keys) FOR KEY SHARE) "
                        "SELECT (SELECT count(*) FROM keys) - (SELECT count(*) FROM locked)",
                        (first, last),
                    )
                    missing = cursor.fetchone()[0]
                    if missing:
                        raise IntegrityError(
                            f"{table.name}.{field.column}: {missing} keys not in {parent.db_table}"
                        )

    def reserve_ids(self, table: str, count: int) -> list[int]:
        with self.raw.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                (self.quote(table), count),
            )
            return [row[0] for row in cursor.fetchall()]

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        names = ", ".join(self.quote(c) for c in columns)
        count = 0
        with (
            self.raw.cursor() as cursor,
            cursor.copy(f"COPY {self.quote(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def timestamps(self, moments: np.ndarray) -> np.ndarray:
        return np.char.add(super().timestamps(moments).astype(str), "+00:00").astype(object)


def writer_for(using: str = "default") -> Writer:
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return PostgresWriter(using)
    if vendor == "sqlite":
        return SQLiteWriter(using)
    raise NotImplementedError(f"volex seed writes to SQLite and PostgreSQL, not {vendor}")
