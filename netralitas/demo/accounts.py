"""Demo logins, one per role, over the shipped master data (never in production)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from netralitas.accounts.backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.registry.models import Agency, Region

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "DemoLogin", "ensure_demo_users"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    agency_code: str
    role: str
    national: bool = False
    region_codes: tuple[str, ...] = ()
    agency_codes: tuple[str, ...] = ()
    staff: bool = False
    superuser: bool = False
    hint: str = ""

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


# Two provinces are the demo's main stages: Sumatera Selatan (16: Kab. Musi Banyuasin 16.06, Kota Palembang
# 16.71) and Sulawesi Selatan (73: Kota Makassar 73.71, Kab. Gowa 73.06), each with a Satgas team of two
# verifiers (so bulk assignment has a colleague), a Bawaslu analyst, PPKs and the BKN regional office's
# auditor; plus a central agency's PPK (Kemenag), BKN headquarters and the Kemendagri and KemenPANRB
# leadership. ``hint`` is what the README and ``demo_logins`` tell each one to try first.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("satgas_sumsel", "Hendra Saputra", "BKN", Role.VERIFIER, region_codes=("16",),
              hint="Antrean verifikasi Sumatera Selatan: laporan baru, verifikasi lewat tenggat, duplikat"),
    DemoLogin("satgas_sumsel2", "Putri Anggraini", "BKN", Role.VERIFIER, region_codes=("16",),
              hint="Rekan satu tim: terima kasus yang ditugaskan kepada Anda"),
    DemoLogin("satgas_sulsel", "Andi Muhammad Rizal", "BKN", Role.VERIFIER, region_codes=("73",),
              hint="Antrean verifikasi Sulawesi Selatan; tugaskan beberapa kasus kepada rekan"),
    DemoLogin("satgas_sulsel2", "Nurul Hidayah", "BKN", Role.VERIFIER, region_codes=("73",),
              hint="Rekan satu tim Sulawesi Selatan"),
    DemoLogin("bawaslu_sumsel", "Dewi Lestari", "BAWASLU", Role.BAWASLU, region_codes=("16",),
              hint="Kajian berjalan, tenggatnya melewati hari libur 27 November"),
    DemoLogin("bawaslu_sulsel", "Syamsul Bahri", "BAWASLU", Role.BAWASLU, region_codes=("73",),
              hint="Kajian Bawaslu Sulawesi Selatan"),
    DemoLogin("bkn_pusat", "Rudi Hartono", "BKN", Role.BKN, national=True,
              hint="Kirim rekomendasi kasus terbukti; setujui usulan pemblokiran"),
    DemoLogin("ppk_muba", "Sekretariat PPK Musi Banyuasin", "KAB-16.06", Role.PPK,
              agency_codes=("KAB-16.06",),
              hint="Rekomendasi yang harus ditindaklanjuti: pengingat, peringatan, pegawai diblokir"),
    DemoLogin("ppk_muaraenim", "Sekretariat PPK Muara Enim", "KAB-16.03", Role.PPK,
              agency_codes=("KAB-16.03",),
              hint="Bupati petahana mencalonkan diri; Plt. Bupati memegang fungsi PPK selama kampanye"),
    DemoLogin("atasan_muba", "Sekda Musi Banyuasin", "KAB-16.06", Role.SUPERIOR, agency_codes=("KAB-16.06",),
              hint="Panggil camat terlapor, catat ketidakhadiran, panggilan kedua, unggah BAP"),
    DemoLogin("ppk_palembang", "Sekretariat PPK Palembang", "KOTA-16.71", Role.PPK,
              agency_codes=("KOTA-16.71",), hint="Unggah keputusan sanksi sebelum tenggat"),
    DemoLogin("ppk_makassar", "Sekretariat PPK Makassar", "KOTA-73.71", Role.PPK,
              agency_codes=("KOTA-73.71",), hint="Tindak lanjut rekomendasi Kota Makassar"),
    DemoLogin("ppk_gowa", "Sekretariat PPK Gowa", "KAB-73.06", Role.PPK, agency_codes=("KAB-73.06",),
              hint="Tindak lanjut rekomendasi Kabupaten Gowa"),
    DemoLogin("ppk_kemenag", "Biro Kepegawaian Kemenag", "KEMENAG", Role.PPK, agency_codes=("KEMENAG",),
              hint="PPK instansi pusat: pegawai kantor vertikal di seluruh provinsi"),
    DemoLogin("auditor_kanreg7", "Sari Wulandari", "BKN", Role.AUDITOR, region_codes=("16", "15", "17", "19"),
              hint="Periksa keputusan PPK; terbitkan peringatan; usulkan blokir"),
    DemoLogin("auditor_kanreg4", "Muhammad Ikhsan", "BKN", Role.AUDITOR, region_codes=("73", "74", "76"),
              hint="Antrean pengendalian Kanreg IV Makassar"),
    DemoLogin("pimpinan", "Pimpinan KemenPANRB", "KEMENPANRB", Role.LEADER, national=True,
              hint="Dasbor nasional: provinsi dan instansi terburuk, kepatuhan PPK"),
    DemoLogin("kemendagri", "Pimpinan Kemendagri", "KEMENDAGRI", Role.LEADER, national=True,
              hint="Dasbor nasional Pilkada 2024, per provinsi"),
    DemoLogin("admin", "Admin Sistem", "BKN", Role.ADMIN, national=True, staff=True, superuser=True,
              hint="Admin: pengguna, peran, aturan tenggat, hari libur"),
)  # fmt: skip


def ensure_demo_users() -> list[User]:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo accounts are never created in production.")
    users = []
    with transaction.atomic():
        for login in DEMO_LOGINS:
            first, _, last = login.name.partition(" ")
            user, created = User.objects.get_or_create(
                username=login.username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{login.username}@{DEMO_EMAIL_DOMAIN}",
                    "agency": Agency.objects.get(code=login.agency_code),
                    "is_staff": login.staff,
                    "is_superuser": login.superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                assignment = RoleAssignment.objects.create(
                    user=user, role=login.role, national=login.national
                )
                assignment.regions.set(Region.objects.filter(code__in=login.region_codes))
                assignment.agencies.set(Agency.objects.filter(code__in=login.agency_codes))
            users.append(user)
    return users
