"""The one status vocabulary every device speaks.

The core, the heartbeat and the technician screen all need to compare and
report device health the same way, whatever the device; a shared enum with a
free-text detail ("paper near end") keeps that uniform and matches the
contract's peripheral status values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeviceState(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True)
class DeviceStatus:
    state: DeviceState
    detail: str = ""

    def __str__(self) -> str:
        """As a technician reads it: "ok", "error (paper out)"."""
        return f"{self.state.value} ({self.detail})" if self.detail else self.state.value

    @property
    def usable(self) -> bool:
        """A degraded device still works (paper near end); the others do not."""
        return self.state in (DeviceState.OK, DeviceState.DEGRADED)


UNKNOWN = DeviceStatus(DeviceState.OFFLINE, "not yet seen")
