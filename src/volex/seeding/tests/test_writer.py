import pytest
from django.db import IntegrityError, connection, transaction

from volex.seeding import seed
from volex.seeding.tables import tables
from volex.seeding.writer import writer_for
from volex.volunteers.models import Volunteer


@pytest.mark.django_db
def test_reserved_ids_follow_the_rows_already_there():
    seed(20, 0, progress=False)
    writer = writer_for()
    top = Volunteer.objects.order_by("-id").values_list("id", flat=True).first()
    ids = writer.reserve_ids(tables()["volunteer"].name, 5)
    assert len(set(ids)) == 5 and min(ids) > top


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL bulk path")
def test_a_broken_reference_aborts_the_batch():
    seed(3, 0, progress=False)
    volunteer = Volunteer.objects.first()
    spec = tables()["language"]
    writer = writer_for()
    with pytest.raises(IntegrityError), transaction.atomic():
        writer.begin()
        writer.insert(spec.name, spec.columns, [(volunteer.pk, "zzz", "B1")])
        writer.verify([(spec, volunteer.pk, volunteer.pk)])
        connection.check_constraints()  # per-row triggers, where the role cannot skip them
