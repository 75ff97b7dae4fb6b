"""The reference vectors of the devices' and identifiers' facts (GA/T 467 frames, ID
numbers, USCCs), kept in the repository so that a clone tests with nothing beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).with_name("data") / "vectors.json").read_text(encoding="utf-8"))
