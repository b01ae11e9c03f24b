from django.db import migrations

from nutag.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_requests_work_items_events")]
    operations = [append_only("cases_requestevent")]
