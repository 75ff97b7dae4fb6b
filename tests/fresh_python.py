"""What a module loads shows only in a process that has loaded nothing else."""

from __future__ import annotations

import os
import subprocess
import sys


def python_lines(probe: str, **env: str) -> list[str]:
    """What a fresh Python running `probe` prints, line by line."""
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, env={**os.environ, **env}).stdout.splitlines()
