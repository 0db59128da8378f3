"""Read-only statements run side by side on PostgreSQL, all in one snapshot.

A report's statements are independent reads, each single-threaded in PostgreSQL (grouping is
not spread over parallel workers the way scans are). `run_side_by_side` hands them to two
database sessions at once, the caller's and one more, so a report uses two cores; both see the
same data: the caller's transaction is REPEATABLE READ and exports its snapshot, which the
second session imports (`SET TRANSACTION SNAPSHOT`) before it reads.

Only where that is sound: on PostgreSQL, in a transaction that the caller opened for these
reads (`shared_snapshot` is then its first statement). Inside an outer transaction, whose
uncommitted writes another session cannot see (the tests run so), and on SQLite, the statements
run one after the other on the caller's connection: the same rows either way.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from django.db import connection, connections, transaction
from django.utils import translation

SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+-[0-9]+")  # as pg_export_snapshot() gives it


class Statement(Protocol):
    sql: str
    params: tuple
    read: Callable[[list[tuple]], object] | None  # its rows → the result (None: the rows)


def shared_snapshot(settings: Mapping[str, str], *, outermost: bool) -> str | None:
    """Start the caller's transaction (call it first inside `transaction.atomic()`): applies
    `settings` for the transaction only and, where another session may share it, makes it
    REPEATABLE READ and returns its exported snapshot id."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        if outermost:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        _apply(cursor, settings)
        if not outermost:
            return None
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def _apply(cursor, settings: Mapping[str, str]) -> None:
    if settings:
        calls = ", ".join("set_config(%s, %s, true)" for _name in settings)
        cursor.execute(f"SELECT {calls}", [item for pair in settings.items() for item in pair])


def run_side_by_side(
    statements: Sequence[Statement], *, snapshot: str | None, settings: Mapping[str, str]
) -> list:
    """The result of each statement, in order: its rows, or what its `read` makes of them
    (called in the thread, and the session, that fetched them: it may query in the same
    snapshot). With a snapshot, the caller's session and a second one take the statements from
    one queue (longest first is best) until none is left."""
    if snapshot is not None and not SNAPSHOT_ID.fullmatch(snapshot):
        raise ValueError(f"not a snapshot id: {snapshot!r}")
    results: list = [None] * len(statements)

    def run(cursor, index: int) -> None:
        statement = statements[index]
        cursor.execute(statement.sql, statement.params)
        rows = cursor.fetchall()
        results[index] = statement.read(rows) if statement.read is not None else rows

    if snapshot is None or len(statements) < 2:
        with connection.cursor() as cursor:
            for index in range(len(statements)):
                run(cursor, index)
        return results
    waiting: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(statements)):
        waiting.put(index)

    def drain(cursor) -> None:
        while True:
            try:
                index = waiting.get_nowait()
            except queue.Empty:
                return
            run(cursor, index)

    failure: list[BaseException] = []

    language = translation.get_language()  # a `read` may write messages: in the caller's

    def second_session() -> None:
        session = connections[connection.alias]  # this thread's own connection
        try:
            with (
                translation.override(language),
                transaction.atomic(using=session.alias),
                session.cursor() as cursor,
            ):
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                _apply(cursor, settings)
                drain(cursor)
        except BaseException as error:  # re-raised in the caller's thread
            failure.append(error)
        finally:
            session.close()

    helper = threading.Thread(target=second_session, name="volex-report-session")
    helper.start()
    try:
        with connection.cursor() as cursor:
            drain(cursor)
    finally:
        helper.join()
    if failure:
        raise failure[0]
    return results
