"""What the virtual keyboard needs before Qt starts, and what it must not keep.

Qt reads the input-method module when the application is created, so this
runs first. The Pinyin engine learns every phrase a citizen composes and
offers it to whoever types the same syllables next: the next citizen would
see the last one's name among the candidates, and the engine would write it
to a dictionary under the user's configuration directory. The kiosk gives
the engine a private configuration directory in the runtime area (memory,
not disk) and puts a directory where the dictionary file would be, so the
engine cannot open one and learns nothing at all.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

# where the Pinyin engine looks for its learning dictionary, under the config directory
PINYIN_DICTIONARY = Path("qtvirtualkeyboard", "pinyin", "usr_dict.dat")


def _runtime_base(environ: MutableMapping[str, str]) -> str:
    """systemd's RuntimeDirectory, else the session's runtime directory, else /dev/shm:
    each of them lives in memory and is gone at the next boot."""
    for name in ("RUNTIME_DIRECTORY", "XDG_RUNTIME_DIR"):
        if environ.get(name) and os.path.isdir(environ[name]):
            return environ[name]
    return "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()


def prepare_keyboard(environ: MutableMapping[str, str] = os.environ) -> Path:
    """Select the embedded virtual keyboard and block its learning; returns the private
    configuration directory it was given."""
    environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"  # the panel lives in our window
    home = Path(tempfile.mkdtemp(prefix="kiosk-keyboard-", dir=_runtime_base(environ)))
    (home / PINYIN_DICTIONARY).mkdir(parents=True)
    environ["XDG_CONFIG_HOME"] = str(home)
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    return home
