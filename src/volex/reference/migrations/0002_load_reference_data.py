"""Load the packaged reference data (see volex/reference/data/ATTRIBUTION.md)."""

from django.db import migrations

from volex.reference.loading import load_reference_data, unload_reference_data


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference_data, unload_reference_data, elidable=False),
    ]
