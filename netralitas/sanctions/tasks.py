"""Background notifications (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from netralitas.accounts.models import Role, RoleAssignment
from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime, viewer_zone
from netralitas.core import clock
from netralitas.registry.holders import ppk_on


@task()
def notify_ppk_reminder(case_id: int) -> int:
    """E-mails the PPK desk of the reported employee's agency that the follow-up deadline is near, and the
    holder of the PPK office on that day when their address is recorded (the Plt during campaign leave)."""
    case = Case.objects.select_related("agency", "employee").get(pk=case_id)
    emails = set(
        RoleAssignment.objects.filter(
            role=Role.PPK, agencies=case.agency_id, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    ppk = ppk_on(case.agency, clock.localdate()) if case.agency is not None else None
    if ppk is not None and ppk.holder is not None:
        emails.add(ppk.holder.email)
    recipients = sorted(email for email in emails if email)
    if not recipients or case.deadline_at is None:
        return 0
    deadline = local_datetime(case.deadline_at, viewer_zone(None, case))
    addressee = f"Kepada {ppk.title}{f' ({ppk.name})' if ppk.name else ''}.\n" if ppk is not None else ""
    return send_mail(
        subject=f"[Netralitas ASN] Pengingat tindak lanjut {case.number}",
        message=(
            addressee + f"Rekomendasi atas kasus {case.number} menunggu keputusan PPK.\n"
            f"Batas waktu tindak lanjut: {deadline}.\n"
            f"Buka: {settings.SITE_URL}/kasus/{case.code}/\n"
            "Bila batas waktu terlewati, auditor manajemen ASN akan menerbitkan surat peringatan dan dapat "
            "mengusulkan pemblokiran data ASN di SIASN."
        ),
        from_email=None,
        recipient_list=recipients,
    )


@task()
def notify_conflict_escalation(escalation_id: int) -> int:
    """E-mails BKN's control officers, or Kemendagri, that a case whose PPK is a candidate nears its
    follow-up deadline. Never sent to the agency: the escalation is about its PPK."""
    from .conflict import escalation_recipients
    from .models import ConflictEscalation

    escalation = ConflictEscalation.objects.select_related("case", "case__agency", "candidate").get(
        pk=escalation_id
    )
    recipients = escalation_recipients(escalation)
    case = escalation.case
    if not recipients:
        return 0
    candidate = escalation.candidate
    return send_mail(
        subject=f"[Netralitas ASN] Eskalasi konflik kepentingan PPK {case.number}",
        message=(
            f"PPK {case.agency.name if case.agency else '-'} adalah calon pada pemilihan kasus {case.number}"
            + (f" ({candidate.name}, nomor urut {candidate.ticket_number})" if candidate else "")
            + ".\n"
            f"Batas waktu tindak lanjut tinggal {max(escalation.days_left, 0)} hari kerja; tindak lanjutnya "
            "diawasi langsung oleh BKN dan Kemendagri, tidak menunggu pemerintah daerah.\n"
            f"Buka: {settings.SITE_URL}/ruang-kerja/kasus/{case.code}/\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
