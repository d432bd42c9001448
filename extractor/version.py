"""The installed package's version, for --version and the SARIF driver."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def installed() -> str:
    """The version pip installed, or 0 when running from a source tree that was never installed."""
    try:
        return version("inspection-extractor")
    except PackageNotFoundError:
        return "0"
