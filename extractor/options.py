"""The one options object every stage reads, instead of flags threaded through calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """How to read and parse inputs; the defaults suit a batch of published reports."""

    framework: str | None = None
    """Use this framework id instead of detecting it from the document."""

    pdf_tables: bool = True
    """Read PDF tables (ruled ones from pdfium, others with pdfplumber); off gives plain lines."""

    max_bytes: int = 200 * 1024 * 1024
    """Refuse larger inputs rather than exhaust memory in a batch."""

    max_text_bytes: int = 10 * 1024 * 1024
    """Refuse larger text and HTML inputs (README, Decisions: the time and memory they cost)."""

    checks: bool = True
    """Check each report against its framework's ratings rules and attach the findings."""

    def __post_init__(self) -> None:
        """Refuse an unknown framework id (naming the known ones) or a size limit below one byte."""
        from extractor.frameworks import frameworks

        if self.framework is not None and self.framework not in frameworks():
            known = ", ".join(sorted(frameworks()))
            raise ValueError(f"framework {self.framework!r} is not one of {known}")
        for name in ("max_bytes", "max_text_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
