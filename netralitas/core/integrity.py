"""Checking the stored files against the rows that name them: every file exists, and where the row keeps
the file's SHA-256 (evidence, draft uploads) the content still has it. Models are found through the app
registry, so this low layer checks the files of every app without importing them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models

CHUNK = 1 << 20


@dataclass
class FileReport:
    checked: int = 0
    hashed: int = 0
    missing: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered

    def __str__(self) -> str:
        head = f"{self.checked} files ({self.hashed} with SHA-256)"
        if self.ok:
            return f"OK: {head}"
        return f"BROKEN: {head}; missing {self.missing[:10]}; altered {self.altered[:10]}"


def _file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField):
                yield model, model_field


def _digest(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stream:
        for block in iter(lambda: stream.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_files(*, using: str = "default") -> FileReport:
    report = FileReport()
    for model, file_field in _file_fields():
        has_hash = any(f.name == "sha256" for f in model._meta.get_fields())
        names = ["pk", file_field.name] + (["sha256"] if has_hash else [])
        rows = model._base_manager.using(using).exclude(**{file_field.name: ""}).values_list(*names)
        for row in rows.iterator(chunk_size=500):
            pk, name = row[0], row[1]
            label = f"{model._meta.label}#{pk} {name}"
            report.checked += 1
            if not file_field.storage.exists(name):
                report.missing.append(label)
                continue
            if has_hash:
                report.hashed += 1
                if _digest(file_field.storage, name) != row[2]:
                    report.altered.append(label)
    return report
