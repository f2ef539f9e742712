"""Installs or lists the PAdES signing certificates of issuing bodies (ADR 0027).

manage.py documents_certificate install --body bkn --pkcs12 bkn.p12 [--passphrase-env BKN_P12_PASS]
manage.py documents_certificate list
manage.py documents_certificate render-pending
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.core.formatting import long_date
from netralitas.documents import pades
from netralitas.documents.models import IssuingBody, SigningCertificate
from netralitas.documents.services import documents_render_pending


class Command(BaseCommand):
    help = "Memasang atau menampilkan sertifikat tanda tangan elektronik (PAdES) badan penerbit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["install", "list", "render-pending", "ca-pem"])
        parser.add_argument("--body", help="kode badan penerbit, mis. bkn")
        parser.add_argument("--pkcs12", type=Path, help="berkas .p12/.pfx dari BSrE")
        parser.add_argument("--passphrase-env", help="variabel lingkungan yang memuat kata sandi berkas")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for stored in SigningCertificate.objects.select_related("body").order_by(
                "body__code", "-installed_at"
            ):
                owner = stored.body.code if stored.body else "(CA demo)"
                state = "aktif" if stored.active else "tidak aktif"
                self.stdout.write(
                    f"{owner}\t{stored.subject}\t{stored.not_after:%Y-%m-%d}\t{state}\t{stored.fingerprint[:16]}"
                )
            return
        if options["action"] == "ca-pem":  # the demo CA, for a reader's trust list
            self.stdout.write(pades.demo_ca().certificate_pem, ending="")
            return
        if options["action"] == "render-pending":
            self.stdout.write(f"{documents_render_pending()} naskah dibuat berkasnya.")
            return
        body = IssuingBody.objects.filter(code=options["body"] or "").first()
        if body is None or options["pkcs12"] is None:
            raise CommandError("install memerlukan --body (kode badan penerbit yang ada) dan --pkcs12.")
        env_name = options["passphrase_env"]
        secret = os.environ.get(env_name, "") if env_name else getpass.getpass("Kata sandi berkas PKCS#12: ")
        try:
            stored = pades.install_pkcs12(
                body=body, data=options["pkcs12"].read_bytes(), passphrase=secret.encode() or None
            )
        except (OSError, pades.CertificateError) as error:
            raise CommandError(str(error)) from None
        until = long_date(stored.not_after, "id")
        self.stdout.write(f"Sertifikat {stored.subject} dipasang untuk {body.short_name} (sampai {until}).")
