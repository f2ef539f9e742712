"""Background notifications (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from netralitas.accounts.models import Role, RoleAssignment
from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime, viewer_zone


@task()
def notify_ppk_reminder(case_id: int) -> int:
    """E-mails the PPK desk of the reported employee's agency that the follow-up deadline is near."""
    case = Case.objects.select_related("agency", "employee").get(pk=case_id)
    recipients = sorted(
        {
            email
            for email in RoleAssignment.objects.filter(
                role=Role.PPK, agencies=case.agency_id, user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
    )
    if not recipients or case.deadline_at is None:
        return 0
    deadline = local_datetime(case.deadline_at, viewer_zone(None, case))
    return send_mail(
        subject=f"[Netralitas ASN] Pengingat tindak lanjut {case.number}",
        message=(
            f"Rekomendasi atas kasus {case.number} menunggu keputusan PPK.\n"
            f"Batas waktu tindak lanjut: {deadline}.\n"
            f"Buka: {settings.SITE_URL}/kasus/{case.code}/\n"
            "Bila batas waktu terlewati, auditor manajemen ASN akan menerbitkan surat peringatan dan dapat "
            "mengusulkan pemblokiran data ASN di SIASN."
        ),
        from_email=None,
        recipient_list=recipients,
    )
