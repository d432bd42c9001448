"""The per-document function on a Dask cluster gives the lines `batch` gives (docs/scale.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPORTS
from extractor.batch import discover, run
from extractor.options import Options
from extractor.outcome import process

distributed = pytest.importorskip("dask.distributed")


def test_dask_local_cluster_matches_batch(tmp_path: Path) -> None:
    """Process workers of a LocalCluster read a shared folder into batch's very lines."""
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("blackpool-2025.pdf", "eastmoor-2025.html", "eastmoor-2025.txt"):
        shutil.copy(REPORTS / name, shared / name)
    shutil.copy(FIXTURES / "articles" / "004-blackpool-yjs-2021-council-news.html", shared)
    shutil.copy(FIXTURES / "broken" / "random.bin", shared)
    paths = [str(path) for path in discover([shared])]
    options = Options()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        futures = client.map(process, paths, options=options, pure=False)
        on_dask = [outcome.line for outcome in client.gather(futures)]
    on_batch = [outcome.line for outcome in run(paths, options, workers=2)]
    assert on_dask == on_batch
    assert len(on_dask) == 5 and '"kind":"error"' in on_dask[-1]
