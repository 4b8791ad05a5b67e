from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One crawl of the bundled demo site, shared by the tests that read its output.

    Runs in a subprocess: Twisted's reactor can start only once per process.
    """
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run([sys.executable, "-m", "crawler", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    runs = sorted((out / "runs").iterdir())
    assert len(runs) == 1
    return runs[0]
