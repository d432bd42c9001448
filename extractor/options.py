"""The one options object every stage reads, instead of flags threaded through calls."""

from __future__ import annotations

from dataclasses import dataclass

TIMEOUT_S = 120.0
"""The default time allowed for one input in a batch: a 300-page PDF takes a few seconds."""

MEMORY_LIMIT_MB = 2048
"""The default resident memory allowed for one batch worker."""


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

    timeout_s: float = TIMEOUT_S
    """In a batch, give up on an input not read in this many seconds."""

    memory_limit_mb: int = MEMORY_LIMIT_MB
    """In a batch, give up on an input whose worker grows past this resident memory."""

    worker_inputs: int = 500
    """In a batch, renew a worker after this many inputs, so that no slow growth adds up."""

    def __post_init__(self) -> None:
        """Refuse an unknown framework id (naming the known ones) or a limit below one."""
        if self.framework is not None:
            from extractor.frameworks import frameworks  # pydantic: only when a framework is named

            if self.framework not in frameworks():
                known = ", ".join(sorted(frameworks()))
                raise ValueError(f"framework {self.framework!r} is not one of {known}")
        limits = ("max_bytes", "max_text_bytes", "timeout_s", "memory_limit_mb", "worker_inputs")
        for name in limits:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
