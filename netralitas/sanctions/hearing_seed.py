"""The default due-process rules (ADR 0024), seeded by a migration and again when a flush emptied the table
(transactional tests); administrators maintain the rows in the admin."""

from __future__ import annotations

from typing import Any

DISCIPLINE_BASIS = (
    "PP 94/2021 Pasal 26-27 (pemanggilan tertulis, panggilan kedua, putusan berdasarkan alat bukti), "
    "pemeriksaan tertutup dan berita acara pemeriksaan, tim pemeriksa untuk hukuman sedang/berat; "
    "upaya administratif: keberatan dan banding administratif; Peraturan BKN 6/2022"
)
ETHICS_BASIS = (
    "PP 42/2004 Pasal 15-19 (Majelis Kode Etik, rekomendasi sanksi moral kepada PPK); tata cara "
    "pemanggilan menurut peraturan kode etik instansi (mis. Permenkop UKM 9/2022 Pasal 20: 5 hari kerja)"
)

RULES = [
    # track, level, examiner, notice, second, objection, appeal, basis
    ("disiplin", "", "atasan_langsung", 7, 7, 14, 15, DISCIPLINE_BASIS),
    ("disiplin", "sedang", "tim_pemeriksa", 7, 7, 14, 15, DISCIPLINE_BASIS),
    ("disiplin", "berat", "tim_pemeriksa", 7, 7, 14, 15, DISCIPLINE_BASIS),
    ("etik", "", "majelis_kode_etik", 5, 5, None, None, ETHICS_BASIS),
]


def seed_hearing_rules(model: Any) -> None:
    """Idempotent; takes the (historical) model class so a migration can call it."""
    for track, level, examiner, notice, second, objection, appeal, basis in RULES:
        model.objects.update_or_create(
            track=track,
            level=level,
            active=True,
            defaults={
                "examiner": examiner,
                "notice_working_days": notice,
                "second_summons_working_days": second,
                "objection_working_days": objection,
                "appeal_working_days": appeal,
                "legal_basis": basis,
            },
        )
