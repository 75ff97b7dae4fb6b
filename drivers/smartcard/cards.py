"""What the driver hands the core after reading a card.

Plain frozen values, so the core can keep them for a visit and drop them when
the visit ends, and nothing reaches back into the reader. Personal fields are
left out of repr(), so logging an event or a card never writes a citizen's
data to a log.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SocialSecurityCard:
    """EF05 (issuer data) and EF06 (holder data) of a social security card.

    Text is decoded from GBK and stripped of padding; dates are YYYYMMDD;
    sex is the GB/T 2261.1 code ("1" male, "2" female); nation the GB 3304
    code ("01" 汉); birthplace a 6-digit division code.
    """

    card_id_code: str = field(repr=False)
    card_type: str
    spec_version: str
    issuer: str
    issue_date: str = field(repr=False)
    expiry_date: str = field(repr=False)
    card_number: str = field(repr=False)
    social_security_number: str = field(repr=False)
    name: str = field(repr=False)
    sex: str = field(repr=False)
    nation: str = field(repr=False)
    birthplace: str = field(repr=False)
    birth_date: str = field(repr=False)

    @property
    def region(self) -> str:
        """The issuing region: the first 6 characters of the card id code."""
        return self.card_id_code[:6]


@dataclass(frozen=True)
class TechnicianBadge:
    """A contactless badge, known only by its UID.

    `uid` is upper-case hex in the order the reader returns the bytes to
    `FF CA 00 00 00`: UID0 (least significant, first in anticollision) first.
    That is how NFC tools print UIDs, e.g. "04A1B2C3D4E5F6". A UID can be
    cloned: use it only together with a PIN.
    """

    uid: str


Card = SocialSecurityCard | TechnicianBadge
