"""The national issuing bodies, their signatories and number schemes, seeded by a data migration.

Names and NIPs of signatories are fictional (the NIPs are valid per registry/identifiers.py); logos are
the generated placeholder emblems until an administrator uploads the real ones. The KASN → BKN change of
22 Sep 2024 is data: KASN's chair signs recommendations until 21 Sep 2024, BKN's deputy from 22 Sep 2024.
"""

from __future__ import annotations

from typing import Any

NATIONAL_BODIES: list[dict[str, Any]] = [
    {
        "code": "bkn",
        "name": "Badan Kepegawaian Negara",
        "short_name": "BKN",
        "name_lines": "Badan Kepegawaian Negara\nRepublik Indonesia",
        "address": "Jalan Mayjen Sutoyo Nomor 12, Cililitan, Jakarta Timur 13640",
        "city": "Jakarta",
        "phone": "(021) 8093008",
        "email": "netralitas@bkn.go.id",
        "website": "www.bkn.go.id",
        "signatories": [
            {
                "name": "Dr. Hendra Wiratmaja, S.H., M.Si.",
                "position": "Deputi Bidang Pengawasan dan Pengendalian Manajemen ASN",
                "nip": "197508172000031002",
                "kinds": "rekomendasi,laporan_ppk,laporan_mingguan",
                "valid_from": "2024-09-22",
            },
            {
                "name": "Ratna Kusumawardani, S.Sos., M.A.P.",
                "position": "Direktur Pengawasan dan Pengendalian Manajemen ASN",
                "nip": "198203142006042001",
                "kinds": "pengingat,peringatan,permohonan_blokir,buka_blokir,sertifikat_deklarasi",
                "valid_from": "2023-01-02",
            },
        ],
        "schemes": {},
    },
    {
        "code": "kasn",
        "name": "Komisi Aparatur Sipil Negara",
        "short_name": "KASN",
        "name_lines": "Komisi Aparatur Sipil Negara\nRepublik Indonesia",
        "address": "Jalan Letjen M.T. Haryono Kav. 52-53, Pancoran, Jakarta Selatan 12770",
        "city": "Jakarta",
        "phone": "(021) 7987040",
        "email": "pengaduan@kasn.go.id",
        "website": "www.kasn.go.id",
        "signatories": [
            {
                "name": "Prof. Dr. Bambang Sutejo Hadinoto, M.Si.",
                "position": "Ketua Komisi Aparatur Sipil Negara",
                "nip": "196811202000031001",
                "kinds": "",
                "valid_from": "2019-11-01",
                "valid_until": "2024-09-21",
            }
        ],
        "schemes": {},
    },
    {
        "code": "kemenpanrb",
        "name": "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "short_name": "KEMENPANRB",
        "name_lines": (
            "Kementerian Pendayagunaan Aparatur Negara\ndan Reformasi Birokrasi\nRepublik Indonesia"
        ),
        "address": "Jalan Jenderal Sudirman Kav. 69, Kebayoran Baru, Jakarta Selatan 12190",
        "city": "Jakarta",
        "phone": "(021) 7398381",
        "email": "humas@menpan.go.id",
        "website": "www.menpan.go.id",
        "signatories": [
            {
                "name": "Drs. Agus Setiawan Prabowo, M.P.A.",
                "position": "Deputi Bidang Sumber Daya Manusia Aparatur",
                "nip": "197911052003121003",
                "kinds": "",
                "valid_from": "2022-01-03",
            }
        ],
        "schemes": {},
    },
    {
        "code": "kemendagri",
        "name": "Kementerian Dalam Negeri",
        "short_name": "KEMENDAGRI",
        "name_lines": "Kementerian Dalam Negeri\nRepublik Indonesia",
        "address": "Jalan Medan Merdeka Utara Nomor 7, Gambir, Jakarta Pusat 10110",
        "city": "Jakarta",
        "phone": "(021) 3450038",
        "email": "otda@kemendagri.go.id",
        "website": "www.kemendagri.go.id",
        "signatories": [
            {
                "name": "Dr. Siti Nurhaliza Rahmawati, S.IP., M.Si.",
                "position": "Direktur Jenderal Otonomi Daerah",
                "nip": "197212302001122002",
                "kinds": "",
                "valid_from": "2022-01-03",
            }
        ],
        "schemes": {},
    },
    {
        "code": "bawaslu",
        "name": "Badan Pengawas Pemilihan Umum",
        "short_name": "BAWASLU",
        "name_lines": "Badan Pengawas Pemilihan Umum\nRepublik Indonesia",
        "address": "Jalan M.H. Thamrin Nomor 14, Menteng, Jakarta Pusat 10350",
        "city": "Jakarta",
        "phone": "(021) 3905889",
        "email": "penanganan@bawaslu.go.id",
        "website": "www.bawaslu.go.id",
        "signatories": [
            {
                "name": "Yudi Prasetyo Nugroho, S.H., M.H.",
                "position": "Kepala Biro Fasilitasi Penanganan Pelanggaran",
                "nip": "198004112005011005",
                "kinds": "",
                "valid_from": "2022-01-03",
            }
        ],
        "schemes": {},
    },
    {
        "code": "satgas",
        "name": "Satuan Tugas Netralitas ASN",
        "short_name": "SATGAS-NET",
        "name_lines": "Satuan Tugas Netralitas Aparatur Sipil Negara\n"
        "BKN · KemenPANRB · Kemendagri · Bawaslu",
        "address": "d.a. Badan Kepegawaian Negara, Jalan Mayjen Sutoyo Nomor 12, Jakarta Timur 13640",
        "city": "Jakarta",
        "phone": "(021) 8093008",
        "email": "satgas.netralitas@bkn.go.id",
        "website": "netralitas.bkn.go.id",
        "signatories": [
            {
                "name": "Indra Gunawan Saputra, S.E., M.M.",
                "position": "Koordinator Satuan Tugas Netralitas ASN",
                "nip": "197608092002121001",
                "kinds": "",
                "valid_from": "2022-09-22",
            }
        ],
        # The Satgas numbers its letters "B-123/SATGAS-NET/XII/2024" (B: surat biasa).
        "schemes": {"tanda_terima": "B", "penerusan": "B"},
    },
]

# Which national body signs which letter by default (the agency of the acting officer overrides it).
NATIONAL_AGENCY_CODES = {"bkn": "BKN", "kasn": "KASN", "kemenpanrb": "KEMENPANRB", "kemendagri": "KEMENDAGRI"}


def seed_national_bodies(issuing_body: Any, signatory: Any, scheme: Any) -> None:
    """Idempotent; takes the (historical) model classes so a migration can call it."""
    for row in NATIONAL_BODIES:
        fields = {k: v for k, v in row.items() if k not in ("code", "signatories", "schemes")}
        body, _created = issuing_body.objects.update_or_create(code=row["code"], defaults=fields)
        for person in row["signatories"]:
            signatory.objects.update_or_create(
                body=body, nip=person["nip"], defaults={k: v for k, v in person.items() if k != "nip"}
            )
        for kind, code in row["schemes"].items():
            scheme.objects.update_or_create(
                body=body,
                kind=kind,
                defaults={"code": code, "pattern": "{code}-{seq}/{body}/{roman_month}/{year}"},
            )
