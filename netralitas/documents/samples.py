"""One sample of every letter kind, with fictional data: for the screenshots in docs/ and the render tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import IssuingBody, LetterKind
from .rendering import LetterParts

_EMPLOYEE = {
    "name": "Budi Santoso, S.Kom.",
    "nip": "198507212010011004",
    "position": "Analis Kepegawaian Ahli Muda",
    "unit": "Bidang Mutasi, Badan Kepegawaian dan Pengembangan SDM",
    "agency": "Pemerintah Kabupaten Contoh",
}
_PPK = ["Bupati Contoh", "selaku Pejabat Pembina Kepegawaian", "di Kabupaten Contoh"]
_COPIES = ["Kepala Badan Kepegawaian Negara", "Ketua Badan Pengawas Pemilihan Umum"]

# kind → (issuing body code, hal, addressee, copies, context)
SAMPLES: dict[str, tuple[str, str, list[str], list[str], dict[str, Any]]] = {
    LetterKind.RECEIPT: (
        "satgas",
        "Tanda terima aduan dugaan pelanggaran netralitas ASN",
        ["Pelapor aduan nomor NET-2024-000123"],
        [],
        {
            "case_number": "NET-2024-000123",
            "received_at": "5 Desember 2024 pukul 09.14 WIB",
            "verification_deadline": "12 Desember 2024",
            "status_url": "http://127.0.0.1:8000/status/",
        },
    ),
    LetterKind.FORWARDING: (
        "satgas",
        "Penerusan aduan dugaan pelanggaran netralitas ASN untuk dikaji",
        ["Ketua Badan Pengawas Pemilihan Umum", "di Jakarta"],
        ["Kepala Badan Kepegawaian Negara"],
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "review_days": 3,
            "deadline": "10 Desember 2024",
        },
    ),
    LetterKind.RECOMMENDATION: (
        "bkn",
        "Rekomendasi penjatuhan sanksi atas pelanggaran netralitas ASN",
        _PPK,
        _COPIES,
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "violations": [
                {
                    "name": "Berkampanye atau mempromosikan bakal calon melalui media sosial",
                    "legal_basis": "PP 94/2021 Pasal 5 huruf n",
                },
            ],
            "track": "Disiplin (PP 94/2021)",
            "level": "hukuman disiplin sedang",
            "sanction": "pemotongan tunjangan kinerja 25% selama 6 bulan",
            "sanction_basis": "PP 94/2021 Pasal 8 ayat (3) huruf a",
            "rationale": "unggahan berulang selama masa kampanye dengan atribut calon.",
            "deadline": "19 Desember 2024 pukul 23.59 WIB",
        },
    ),
    LetterKind.REMINDER: (
        "bkn",
        "Pengingat batas waktu tindak lanjut rekomendasi netralitas ASN",
        _PPK,
        [],
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "deadline": "19 Desember 2024",
            "days_left": 2,
        },
    ),
    LetterKind.WARNING: (
        "bkn",
        "Surat peringatan tindak lanjut pelanggaran netralitas ASN",
        _PPK,
        _COPIES,
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "deadline": "19 Desember 2024",
            "block_after_days": 7,
        },
    ),
    LetterKind.BLOCK_REQUEST: (
        "bkn",
        "Permohonan pemblokiran layanan kepegawaian di SIASN",
        [
            "Direktur Pengolahan Data dan Penyajian Informasi Kepegawaian",
            "Badan Kepegawaian Negara",
            "di Jakarta",
        ],
        ["Bupati Contoh selaku Pejabat Pembina Kepegawaian"],
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "agency": "Pemerintah Kabupaten Contoh",
            "warning_number": "SP-4/BKN/XII/2024",
            "approved_on": "30 Desember 2024",
        },
    ),
    LetterKind.UNBLOCK: (
        "bkn",
        "Pemberitahuan pembukaan blokir layanan kepegawaian di SIASN",
        _PPK,
        ["Direktur Pengolahan Data dan Penyajian Informasi Kepegawaian BKN"],
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "agency": "Pemerintah Kabupaten Contoh",
            "decree_number": "800.1.6.4/123/BKPSDM/2025",
            "decree_date": "6 Januari 2025",
            "note": "",
        },
    ),
    LetterKind.PPK_REPORT: (
        "bkn",
        "Laporan Pejabat Pembina Kepegawaian yang tidak menindaklanjuti rekomendasi",
        [
            "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "Menteri Dalam Negeri",
            "di Jakarta",
        ],
        _COPIES,
        {
            "case_number": "NET-2024-000123",
            "employee": _EMPLOYEE,
            "agency": "Pemerintah Kabupaten Contoh",
            "ppk_title": "Bupati Contoh",
            "deadline": "19 Desember 2024",
            "warning_number": "SP-4/BKN/XII/2024",
            "blocked_on": "30 Desember 2024",
        },
    ),
    LetterKind.SUMMONS: (
        "kemendagri",
        "Panggilan untuk pemeriksaan dugaan pelanggaran netralitas ASN",
        ["Sdr. Budi Santoso, S.Kom.", "Analis Kepegawaian Ahli Muda", "di tempat"],
        [],
        {
            "employee": _EMPLOYEE,
            "ordinal": 1,
            "legal_basis": "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
            "examiner": "Sekretaris Daerah Kabupaten Contoh",
            "track": "disiplin",
            "violations": ["Berkampanye atau mempromosikan bakal calon melalui media sosial"],
            "incident_date": "24 November 2024",
            "incident_region": "Kabupaten Contoh",
            "examination_day": "Senin, 16 Desember 2024",
            "examination_time": "09.00 WIB",
            "place": "Ruang rapat Sekretariat Daerah Kabupaten Contoh",
            "first_number": "",
            "first_day": "",
        },
    ),
    LetterKind.DECLARATION: (
        "bkn",
        "Sertifikat deklarasi netralitas ASN: Deklarasi Netralitas ASN Pilkada Serentak 2024",
        ["Budi Santoso, S.Kom.", "NIP 198507212010011004", "Pemerintah Kabupaten Contoh"],
        [],
        {
            "campaign": "Deklarasi Netralitas ASN Pilkada Serentak 2024",
            "text": "Saya menyatakan akan menjaga netralitas sebagai Aparatur Sipil Negara, tidak berpihak "
            "kepada pasangan calon mana pun, dan tidak menggunakan jabatan untuk kepentingan politik.",
            "employee": {**_EMPLOYEE},
            "signed_at": "5 Desember 2024 09.14 WIB",
            "signature_code": "7Q2M-KD4X-PP9A",
        },
    ),
}


def sample_parts(kind: str, day: dt.date, signatory_for: Any) -> tuple[LetterParts, dict[str, Any]]:
    body_code, subject, addressee, copies, context = SAMPLES[kind]
    body = IssuingBody.objects.get(code=body_code)
    code = "CONT-OH00-0000"
    parts = LetterParts(
        body=body,
        kind=kind,
        number=f"B-123/{body.short_name}/XII/{day.year}",
        day=day,
        subject=subject,
        addressee=addressee,
        signatory=signatory_for(body, kind, day),
        code=code,
        verification_url=f"http://127.0.0.1:8000/dokumen/verifikasi/{code}/",
        copies=copies,
    )
    return parts, context
