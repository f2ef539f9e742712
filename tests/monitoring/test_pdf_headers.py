"""Column headers of the weekly PDF wrap between words, never inside one ("Peringk / at")."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from netralitas.monitoring.pdf import _fit_headers


def test_a_header_word_wider_than_its_column_widens_the_column_from_the_widest() -> None:
    widths = _fit_headers(["Peringkat", "Instansi", "Indeks (%)"], [1.5, 8, 2], "Helvetica", 8)
    assert widths[0] >= stringWidth("Peringkat", "Helvetica", 8) + 12
    assert abs(sum(widths) - (1.5 + 8 + 2) * 28.3464566929) < 0.01  # the table keeps its width


def test_headers_that_fit_keep_their_widths() -> None:
    widths = _fit_headers(["No", "Nama"], [3, 5], "Helvetica", 8)
    assert [round(w / 28.3464566929, 3) for w in widths] == [3, 5]
