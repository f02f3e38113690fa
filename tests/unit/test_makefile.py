"""`make test` on a machine without its prerequisites says in one line what is missing and how
to install it, before installing anything (it ran for minutes, then failed with 8 tracebacks)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed (the README's commands need it)")
def test_missing_test_tools_are_named_in_one_line(tmp_path: Path) -> None:
    for tool in ("node", "npm", "chromium"):  # everything but ffmpeg
        path = tmp_path / tool
        path.write_text("#!/bin/sh\nexit 0\n")
        path.chmod(0o755)
    result = subprocess.run([str(MAKE), "-s", "test"], cwd=ROOT, env={"PATH": str(tmp_path)}, capture_output=True,
                            text=True, timeout=60, check=False)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode != 0
    assert len(lines) == 1, lines
    assert "ffmpeg" in lines[0] and "apt-get install ffmpeg" in lines[0] and "chromium" not in lines[0]
