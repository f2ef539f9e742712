"""The shipped violation and sanction catalogs (domain.md §4). Plain data, loaded by a data migration;
admins edit the rows afterwards. Default tracks and levels are defaults: the reviewer confirms per case."""

from __future__ import annotations

from typing import Any

SKB = "SKB No. 2/2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN"
PP94 = "PP 94/2021 Pasal 5 huruf n"
PP42 = "PP 42/2004 Pasal 11 huruf c"

# code, number, name, default track, default level, legal basis
VIOLATION_TYPES: list[tuple[str, str, str, str, str, str]] = [
    (
        "alat-peraga",
        "1",
        "Memasang spanduk/baliho/alat peraga kampanye (bakal) calon",
        "etik",
        "moral",
        f"{SKB}; {PP42}",
    ),
    (
        "media-sosial",
        "2",
        "Kampanye atau sosialisasi (bakal) calon di media sosial/daring",
        "etik",
        "moral",
        f"{SKB}; {PP42}",
    ),
    (
        "mendekati-parpol",
        "3",
        "Mendekati partai politik sebagai bakal calon, atau masyarakat sebagai bakal calon perseorangan",
        "disiplin",
        "berat",
        f"{SKB}; PP 94/2021 Pasal 5 huruf n",
    ),
    (
        "deklarasi-kampanye",
        "4",
        "Menghadiri deklarasi atau kampanye (bakal) calon dan memberikan dukungan secara aktif",
        "etik",
        "moral",
        f"{SKB}; {PP42}",
    ),
    (
        "anggota-parpol",
        "5",
        "Menjadi anggota atau pengurus partai politik",
        "disiplin",
        "berat",
        "UU 5/2014 Pasal 87 ayat (4) huruf c",
    ),
    (
        "interaksi-medsos",
        "6",
        "Mengunggah, mengomentari, membagikan, menyukai, bergabung atau mengikuti grup/akun pemenangan",
        "etik",
        "moral",
        f"{SKB}; {PP42}",
    ),
    (
        "foto-bersama",
        "7",
        "Mengunggah foto bersama (bakal) calon/tim sukses dengan simbol atau atribut partisan",
        "etik",
        "moral",
        f"{SKB}; {PP42}",
    ),
    (
        "kegiatan-partisan",
        "8",
        "Kegiatan yang mengarah keberpihakan: pertemuan, ajakan, imbauan, pemberian barang "
        "kepada pegawai, keluarga atau masyarakat",
        "disiplin",
        "berat",
        f"{SKB}; {PP94} angka 6",
    ),
    ("ikut-kampanye", "9.1", "Ikut kampanye", "disiplin", "sedang", f"{PP94} angka 1"),
    (
        "kampanye-atribut",
        "9.2",
        "Menjadi peserta kampanye dengan atribut partai atau atribut PNS",
        "disiplin",
        "sedang",
        f"{PP94} angka 2",
    ),
    (
        "mobilisasi-pns",
        "9.3",
        "Menjadi peserta kampanye dengan mengerahkan PNS lain",
        "disiplin",
        "berat",
        f"{PP94} angka 3",
    ),
    (
        "fasilitas-negara",
        "9.4",
        "Menjadi peserta kampanye dengan menggunakan fasilitas negara",
        "disiplin",
        "berat",
        f"{PP94} angka 4",
    ),
    (
        "keputusan-menguntungkan",
        "9.5",
        "Membuat keputusan atau tindakan yang menguntungkan atau merugikan pasangan calon",
        "disiplin",
        "berat",
        f"{PP94} angka 5",
    ),
    (
        "kegiatan-keberpihakan",
        "9.6",
        "Mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon",
        "disiplin",
        "berat",
        f"{PP94} angka 6",
    ),
    (
        "surat-dukungan",
        "9.7",
        "Memberikan surat dukungan disertai fotokopi KTP",
        "disiplin",
        "berat",
        f"{PP94} angka 7",
    ),
    (
        "tim-ahli",
        "10",
        "Menjadi tim ahli, tim pemenangan atau konsultan (bakal) calon atau partai politik",
        "disiplin",
        "berat",
        f"{SKB}; PP 94/2021 Pasal 5 huruf n",
    ),
]

# code, name, track, level, months, severity, applies to, legal basis
SANCTION_TYPES: list[tuple[str, str, str, str, int | None, int, str, str]] = [
    (
        "moral-tertutup",
        "Sanksi moral berupa pernyataan secara tertutup",
        "etik",
        "moral",
        None,
        10,
        "semua",
        "PP 42/2004 Pasal 15 ayat (1) huruf a",
    ),
    (
        "moral-terbuka",
        "Sanksi moral berupa pernyataan secara terbuka",
        "etik",
        "moral",
        None,
        20,
        "semua",
        "PP 42/2004 Pasal 15 ayat (1) huruf b",
    ),
    (
        "tukin-25-6",
        "Pemotongan tunjangan kinerja 25% selama 6 bulan",
        "disiplin",
        "sedang",
        6,
        30,
        "semua",
        "PP 94/2021 Pasal 8 ayat (3) huruf a",
    ),
    (
        "tukin-25-9",
        "Pemotongan tunjangan kinerja 25% selama 9 bulan",
        "disiplin",
        "sedang",
        9,
        31,
        "semua",
        "PP 94/2021 Pasal 8 ayat (3) huruf b",
    ),
    (
        "tukin-25-12",
        "Pemotongan tunjangan kinerja 25% selama 12 bulan",
        "disiplin",
        "sedang",
        12,
        32,
        "semua",
        "PP 94/2021 Pasal 8 ayat (3) huruf c",
    ),
    (
        "penurunan-jabatan",
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "disiplin",
        "berat",
        12,
        40,
        "PNS",
        "PP 94/2021 Pasal 8 ayat (4) huruf a",
    ),
    (
        "pembebasan-jabatan",
        "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
        "disiplin",
        "berat",
        12,
        41,
        "PNS",
        "PP 94/2021 Pasal 8 ayat (4) huruf b",
    ),
    (
        "pdhtaps",
        "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
        "disiplin",
        "berat",
        None,
        50,
        "PNS",
        "PP 94/2021 Pasal 8 ayat (4) huruf c",
    ),
    (
        "pppk-pemutusan",
        "Pemutusan hubungan perjanjian kerja PPPK",
        "disiplin",
        "berat",
        None,
        55,
        "PPPK",
        "PP 49/2018 Pasal 52",
    ),
    (
        "ptdh",
        "Pemberhentian tidak dengan hormat (anggota/pengurus partai politik)",
        "disiplin",
        "berat",
        None,
        60,
        "PNS",
        "UU 5/2014 Pasal 87 ayat (4) huruf c",
    ),
]

# stage, days, unit, legal basis (domain.md §3; the unconfirmed ones are the documented defaults)
DEADLINE_RULES: list[tuple[str, int, str, str]] = [
    ("verifikasi", 7, "hari_kalender", "SKB No. 2/2022 (verifikasi Satgas; satuan hari belum dikonfirmasi)"),
    ("kajian", 3, "hari_kerja", "Perbawaslu tentang penanganan pelanggaran netralitas ASN (3 hari kerja)"),
    ("rekomendasi", 3, "hari_kerja", "Kebijakan BKN (penyampaian hasil kepada PPK; dapat diubah admin)"),
    (
        "tindak_lanjut",
        14,
        "hari_kalender",
        "SKB No. 2/2022 (tindak lanjut PPK; 10 atau 14 hari, dapat diubah)",
    ),
]


def load_catalogs(violation_model: Any, sanction_model: Any, deadline_rule_model: Any) -> None:
    """Upserts the catalogs; takes the model classes so a data migration can pass its historical models."""
    for order, (code, number, name, track, level, basis) in enumerate(VIOLATION_TYPES, start=1):
        violation_model.objects.update_or_create(
            code=code,
            defaults={
                "number": number,
                "name": name,
                "default_track": track,
                "default_level": level,
                "legal_basis": basis,
                "order": order,
            },
        )
    for code, name, track, level, months, severity, applies_to, basis in SANCTION_TYPES:
        sanction_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "track": track,
                "level": level,
                "months": months,
                "severity": severity,
                "applies_to": applies_to,
                "legal_basis": basis,
            },
        )
    for stage, days, unit, basis in DEADLINE_RULES:
        if not deadline_rule_model.objects.filter(stage=stage).exists():
            deadline_rule_model.objects.create(stage=stage, days=days, unit=unit, legal_basis=basis)
