"""manage.py derive_transfer_rules: create the Pasal 71(2) rule row of every Pilkada that has a
candidates-set date (idempotent; an admin may then edit the window end). The window ends with the
election's last stage (the inauguration: 20 Feb 2025 for Pilkada 2024, 26 Feb 2021 for Pilkada 2020),
or ``TRANSFER_WINDOW_END_DEFAULT`` when the election has no stages."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netralitas.registry.models import Election
from netralitas.transfers.services import transfer_rule_derive


class Command(BaseCommand):
    help = "Buat aturan mutasi Pasal 71(2) untuk setiap Pilkada."

    def handle(self, *args: Any, **options: Any) -> None:
        for election in Election.objects.filter(
            kind=Election.Kind.PILKADA, candidates_set_date__isnull=False
        ):
            last = election.stages.order_by("-end").first()
            rule = transfer_rule_derive(election=election, window_end=last.end if last else None)
            self.stdout.write(f"{election.name}: {rule.window_start} s.d. {rule.window_end}")
