"""Texts and weights of the synthetic national case set: stage and violation weights, plausible
descriptions, rationales and reasons in Bahasa Indonesia (pure data and small pure functions)."""

from __future__ import annotations

import random

from netralitas.cases.workflow import Status

STAGE_WEIGHTS: dict[str, dict[str, float]] = {
    "pemilu-2024": {
        "persiapan": 0.5,
        "pendaftaran-peserta": 2,
        "pencalonan": 6,
        "kampanye": 62,
        "masa-tenang": 10,
        "pemungutan-suara": 8,
        "penghitungan-rekapitulasi": 8,
        "penetapan-pelantikan": 3,
    },
    "pilkada-2024": {
        "persiapan": 4,
        "calon-perseorangan": 8,
        "pengumuman-pendaftaran": 2,
        "pendaftaran": 4,
        "penelitian-persyaratan": 8,
        "penetapan-calon": 2,
        "pengundian-nomor-urut": 2,
        "kampanye": 50,
        "masa-tenang": 9,
        "pemungutan-suara": 6,
        "penghitungan-rekapitulasi": 4,
        "penetapan-pelantikan": 1,
    },
}
STAGE_WEIGHTS["pilkada-2020"] = {
    "persiapan": 3,
    "penundaan": 1,
    "persiapan-lanjutan": 5,
    "pengumuman-pendaftaran": 2,
    "pendaftaran": 4,
    "penelitian-persyaratan": 6,
    "penetapan-calon": 2,
    "pengundian-nomor-urut": 2,
    "kampanye": 55,
    "masa-tenang": 9,
    "pemungutan-suara": 6,
    "penghitungan-rekapitulasi": 4,
    "penetapan-pelantikan": 1,
}
# Social-media activity (media-sosial, interaksi-medsos) is ~30% of violations (domain.md §8).
VIOLATION_WEIGHTS = {
    "media-sosial": 20,
    "interaksi-medsos": 10,
    "foto-bersama": 9,
    "alat-peraga": 6,
    "mendekati-parpol": 4,
    "deklarasi-kampanye": 12,
    "anggota-parpol": 2,
    "kegiatan-partisan": 10,
    "ikut-kampanye": 8,
    "kampanye-atribut": 4,
    "mobilisasi-pns": 3,
    "fasilitas-negara": 4,
    "keputusan-menguntungkan": 2,
    "kegiatan-keberpihakan": 3,
    "surat-dukungan": 2,
    "tim-ahli": 1,
}
SOCIAL_MEDIA = ("media-sosial", "interaksi-medsos", "foto-bersama")
_ACTS = {
    "media-sosial": "mengunggah ajakan memilih pasangan calon nomor urut {n} di akun {app} pribadinya",
    "interaksi-medsos": "menyukai dan membagikan unggahan tim pemenangan paslon nomor urut {n} di {app}",
    "foto-bersama": "mengunggah foto bersama pasangan calon nomor urut {n} dengan pose simbol jari di {app}",
    "alat-peraga": "memasang spanduk bergambar bakal calon di depan kantor",
    "mendekati-parpol": "mendaftar penjaringan bakal calon ke kantor partai politik",
    "deklarasi-kampanye": "hadir dan berorasi mendukung pasangan calon nomor urut {n} pada acara deklarasi",
    "anggota-parpol": "tercatat sebagai pengurus partai politik tingkat kabupaten",
    "kegiatan-partisan": "mengumpulkan kepala desa dan meminta dukungan untuk pasangan calon nomor urut {n}",
    "ikut-kampanye": "ikut dalam rapat umum kampanye pasangan calon nomor urut {n}",
    "kampanye-atribut": "menghadiri kampanye dengan mengenakan seragam dinas dan atribut partai",
    "mobilisasi-pns": "mengerahkan pegawai bawahannya untuk menghadiri kampanye",
    "fasilitas-negara": "menggunakan mobil dinas untuk mengangkut massa kampanye",
    "keputusan-menguntungkan": "menyalurkan bantuan sosial dengan stiker pasangan calon nomor urut {n}",
    "kegiatan-keberpihakan": "menggelar pertemuan warga dengan membagikan kaus pasangan calon nomor urut {n}",
    "surat-dukungan": "memberikan surat dukungan disertai fotokopi KTP kepada bakal calon perseorangan",
    "tim-ahli": "menjadi anggota tim pemenangan pasangan calon nomor urut {n}",
}
_APPS = ("Facebook", "Instagram", "TikTok", "WhatsApp", "X")
_REASONS: dict[str, tuple[str, ...]] = {
    Status.REJECTED: (
        "Terlapor bukan pegawai ASN.",
        "Uraian dan bukti tidak cukup untuk ditindaklanjuti.",
        "Peristiwa tidak termasuk pelanggaran netralitas ASN.",
        "Pelapor tidak melengkapi bukti.",
    ),
    Status.CANCELLED: ("Laporan ditarik oleh pelapor.", "Laporan ganda dari pelapor yang sama."),
    Status.NOT_PROVEN: (
        "Hasil kajian: unsur keberpihakan tidak terpenuhi.",
        "Hasil kajian: unggahan tidak dapat dipastikan dibuat oleh terlapor.",
        "Hasil kajian: kehadiran terlapor dalam rangka tugas kedinasan.",
    ),
}
_LEFT = {
    "pensiun": "Terlapor memasuki batas usia pensiun sebelum keputusan PPK.",
    "meninggal": "Terlapor meninggal dunia.",
    "diberhentikan": "Terlapor telah diberhentikan karena perkara lain.",
}
_NAMES = ("Agus", "Siti", "Rahmat", "Nur", "Dedi", "Fitri", "Hendra", "Yuni", "Joko", "Ratna", "Imam", "Wati")


def describe(code: str, position: str, rng: random.Random) -> tuple[str, list[str]]:
    act = _ACTS.get(code, "melakukan kegiatan yang mengarah pada keberpihakan").format(
        n=rng.randint(1, 4), app=rng.choice(_APPS)
    )
    links = [f"https://www.example.org/bukti/{rng.getrandbits(40):x}"] if code in SOCIAL_MEDIA else []
    return f"Terlapor ({position or 'ASN'}) {act}.", links


def rationale(code: str, rng: random.Random) -> str:
    evidence = rng.choice(("tangkapan layar dan keterangan saksi", "foto, video dan klarifikasi terlapor"))
    return f"Berdasarkan {evidence}, perbuatan terlapor ({code}) terbukti melanggar netralitas ASN."


def reason(status: str, rng: random.Random) -> tuple[str, str]:
    """The reason of a closing step and, for a moot case, the employee status that made it moot."""
    if status == Status.MOOT:
        left = rng.choices(list(_LEFT), weights=(70, 10, 20))[0]
        return _LEFT[left], left
    return (rng.choice(_REASONS[status]) if status in _REASONS else ""), ""


def identity(seed: int, index: int) -> dict[str, str]:
    rng = random.Random(f"{seed}:{index}:identity")
    return {
        "name": f"{rng.choice(_NAMES)} {rng.choice(_NAMES)}wati",
        "phone": f"08{rng.randint(10**9, 10**10 - 1)}",
    }
