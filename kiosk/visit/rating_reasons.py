"""The standard reasons a rating offers as chips, so a citizen taps rather than types.

A bad review must come with its reason (HARDWARE.md §5), and typing one on a
touch screen is where an elder gives up. The reasons a hall hears most are
offered as large chips in the visit's language; a tap puts the wording in the
item's reason field, or takes it out again, and whatever the citizen types
beside it stays. The central receives the text as it would a typed reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.catalog.items import FieldType, Item
from kiosk.visit.forms import BAD_RATING, reason_spec


@dataclass(frozen=True)
class Reason:
    code: str
    words: dict[str, str]

    def text(self, language: str) -> str:
        return self.words.get(language) or self.words["zh_CN"]


# what went wrong: offered with a rating of "fairly satisfied" or lower
TO_IMPROVE = (
    Reason("long_wait", {"zh_CN": "等候时间长", "zh_TW": "等候時間長", "en": "Long wait"}),
    Reason("many_steps", {"zh_CN": "操作步骤多", "zh_TW": "操作步驟多", "en": "Too many steps"}),
    Reason("unclear", {"zh_CN": "指引不清楚", "zh_TW": "指引不清楚",
                       "en": "Unclear instructions"}),
    Reason("papers", {"zh_CN": "材料要求不明确", "zh_TW": "材料要求不明確",
                      "en": "Unclear which papers to bring"}),
    Reason("machine", {"zh_CN": "设备有故障", "zh_TW": "設備有故障",
                       "en": "The machine had a fault"}),
    Reason("staff", {"zh_CN": "工作人员服务不到位", "zh_TW": "工作人員服務不周",
                     "en": "Staff were unhelpful"}),
)
# what went well: offered with "satisfied" and "very satisfied"
WENT_WELL = (
    Reason("quick", {"zh_CN": "办理速度快", "zh_TW": "辦理速度快", "en": "Quick"}),
    Reason("easy", {"zh_CN": "操作简单", "zh_TW": "操作簡單", "en": "Easy to use"}),
    Reason("clear", {"zh_CN": "指引清楚", "zh_TW": "指引清楚", "en": "Clear instructions"}),
    Reason("no_trip", {"zh_CN": "少跑腿", "zh_TW": "少跑一趟", "en": "Saved me a trip"}),
    Reason("kind_staff", {"zh_CN": "工作人员热情", "zh_TW": "工作人員熱心",
                          "en": "Helpful staff"}),
)
# a level above this offers what went well
GOOD_FROM = BAD_RATING + 2
_SEPARATOR = {"en": "; "}
_PARTS = re.compile(r"[；;]")


def reasons_for(level: int | None) -> tuple[Reason, ...]:
    """The chips for a rating of `level`; none until a level is picked."""
    if level is None:
        return ()
    return WENT_WELL if level >= GOOD_FROM else TO_IMPROVE


def reason_field(item: Item) -> str | None:
    """The field a rating item's reason is written in: its first free-text field."""
    if not any(f.type == FieldType.RATING for f in item.fields):
        return None
    spec = reason_spec(item)
    return spec.name if spec is not None else None


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _PARTS.split(text) if part.strip()]


def has_reason(text: str, reason: Reason, language: str) -> bool:
    return reason.text(language) in _parts(text)


def toggle_reason(text: str, reason: Reason, language: str, limit: int | None = None) -> str:
    """`text` with the reason's wording added at its end, or taken out when it is there;
    unchanged when adding it would pass the field's `limit`."""
    parts, words = _parts(text), reason.text(language)
    if words in parts:
        parts.remove(words)
    else:
        parts.append(words)
    joined = _SEPARATOR.get(language, "；").join(parts)
    return text if limit is not None and len(joined) > limit else joined


def reason_by_code(code: str) -> Reason | None:
    return next((r for r in TO_IMPROVE + WENT_WELL if r.code == code), None)
