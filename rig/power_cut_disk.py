"""A disk that loses power: a FUSE file system that keeps what was not flushed apart.

A SIGKILL cannot test a flush, because the kernel's page cache outlives the
process and writes everything out anyway. This file system does what a power
cut does instead. It holds the files in memory; each file keeps the content
it had at its last fsync apart from the writes since, and each folder the
names it had at its last fsync apart from the creations, renames and removals
since. After `--cut-after N` changes (writes, truncations, flushes, name
changes) the power goes: every unflushed write is forgotten, or, with
`--keep P`, each is kept with chance P, as a disk that wrote back part of its
cache in any order would; each folder's unflushed name changes are forgotten
or, with `--keep`, a random first part of them kept, in order, as a journal
would. The state that would greet the next boot is written to the image
folder, "cut" is printed, and every later call fails with EIO.

Usage: python -m rig.power_cut_disk IMAGE MOUNTPOINT --cut-after N [--keep P] [--seed S]
It prints "ready" once mounted, and runs until unmounted (fusermount3 -u); an unmount
before the cut is a clean shutdown, which keeps everything.
"""

from __future__ import annotations

import argparse
import errno
import os
import random
import shutil
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mfusepy import FUSE, FuseOSError, Operations


@dataclass(eq=False)
class Node:
    """A file or a folder. A file: its content now, at its last fsync, and the writes
    between. A folder: its names now, at its last fsync, and the changes between."""

    folder: bool
    data: bytearray = field(default_factory=bytearray)
    flushed: bytes = b""
    unflushed: list[tuple[int, bytes | None]] = field(default_factory=list)  # (offset, data)
    names: dict[str, Node] = field(default_factory=dict)
    flushed_names: dict[str, Node] = field(default_factory=dict)
    renames: list[list[tuple[str, Node | None]]] = field(default_factory=list)
    mode: int = 0o644

    def write(self, offset: int, data: bytes) -> None:
        if offset > len(self.data):
            self.data.extend(bytes(offset - len(self.data)))
        self.data[offset:offset + len(data)] = data
        self.unflushed.append((offset, data))

    def truncate(self, length: int) -> None:
        del self.data[length:]
        self.data.extend(bytes(length - len(self.data)))
        self.unflushed.append((length, None))

    def flush(self) -> None:
        if self.folder:
            self.flushed_names, self.renames = dict(self.names), []
        else:
            self.flushed, self.unflushed = bytes(self.data), []

    def change_names(self, *changes: tuple[str, Node | None]) -> None:
        """Name changes that a journal records as one (a rename is two)."""
        for name, node in changes:
            if node is None:
                self.names.pop(name, None)
            else:
                self.names[name] = node
        self.renames.append(list(changes))


def _after_power_cut(node: Node, keep: float, rng: random.Random) -> bytes | dict[str, Node]:
    """What the next boot finds of `node`."""
    if node.folder:
        names = dict(node.flushed_names)
        kept = len(node.renames) if keep >= 1 else rng.randint(0, len(node.renames)) if keep \
            else 0
        for changes in node.renames[:kept]:
            for name, child in changes:
                if child is None:
                    names.pop(name, None)
                else:
                    names[name] = child
        return names
    data = bytearray(node.flushed)
    for offset, written in node.unflushed:
        if keep and rng.random() < keep:
            if written is None:
                del data[offset:]
                data.extend(bytes(offset - len(data)))
            else:
                data.extend(bytes(max(0, offset - len(data))))
                data[offset:offset + len(written)] = written
    return bytes(data)


class PowerCutDisk(Operations):
    """The file system; single-threaded (nothreads), so a cut falls between two calls."""

    use_ns = True  # utimens times in nanoseconds (they are ignored)

    def __init__(self, image: Path, cut_after: int, keep: float, seed: int) -> None:
        self.image, self.cut_after, self.keep = image, cut_after, keep
        self.rng = random.Random(seed)
        self.root = _load(image)
        self.handles: dict[int, Node] = {}
        self.changes = 0
        self.dead = False

    # -- the power ----------------------------------------------------------------------

    def _change(self) -> None:
        """Called before each change: the power goes before the `cut_after`-th one."""
        self._alive()
        self.changes += 1
        if self.changes >= self.cut_after:
            self._cut()
            self._alive()

    def _alive(self) -> None:
        if self.dead:
            raise FuseOSError(errno.EIO)

    def _cut(self) -> None:
        self.dead = True
        self._write_image(self.keep)
        print(f"cut after {self.changes - 1} changes", flush=True)

    def _write_image(self, keep: float) -> None:
        staging = self.image.with_name(self.image.name + ".boot")
        shutil.rmtree(staging, ignore_errors=True)
        _save(self.root, staging, keep, self.rng)
        shutil.rmtree(self.image)
        staging.rename(self.image)

    # -- finding ------------------------------------------------------------------------

    def _walk(self, path: str) -> Node:
        node = self.root
        for part in Path(path).parts[1:]:
            if not node.folder or part not in node.names:
                raise FuseOSError(errno.ENOENT)
            node = node.names[part]
        return node

    def _parent(self, path: str) -> tuple[Node, str]:
        parent = self._walk(str(Path(path).parent))
        if not parent.folder:
            raise FuseOSError(errno.ENOTDIR)
        return parent, Path(path).name

    def _handle(self, node: Node) -> int:
        fh = max(self.handles, default=0) + 1
        self.handles[fh] = node
        return fh

    # -- Operations -----------------------------------------------------------------------

    def init(self, path: str) -> None:
        print("ready", flush=True)

    def destroy(self, path: str) -> None:
        """Unmounted with the power on: a clean shutdown, where everything reaches the disk."""
        if not self.dead:
            self._write_image(keep=1.0)

    def getattr(self, path: str, fh: int | None = None) -> dict[str, Any]:
        self._alive()
        node = self.handles[fh] if fh in self.handles else self._walk(path)
        kind = stat.S_IFDIR if node.folder else stat.S_IFREG
        now = time.time()
        return {"st_mode": kind | node.mode, "st_nlink": 2 if node.folder else 1,
                "st_size": len(node.data), "st_uid": os.getuid(), "st_gid": os.getgid(),
                "st_atime": now, "st_mtime": now, "st_ctime": now}

    def readdir(self, path: str, fh: int) -> list[str]:
        self._alive()
        return [".", "..", *self._walk(path).names]

    def statfs(self, path: str) -> dict[str, int]:
        return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 1 << 20, "f_bfree": 1 << 19,
                "f_bavail": 1 << 19, "f_namemax": 255}

    def chmod(self, path: str, mode: int) -> int:
        self._walk(path).mode = stat.S_IMODE(mode)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        return 0

    def utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        return 0

    def open(self, path: str, flags: int) -> int:
        self._alive()
        node = self._walk(path)
        if flags & os.O_TRUNC and not node.folder:
            self._change()
            node.truncate(0)
        return self._handle(node)

    def opendir(self, path: str) -> int:
        self._alive()
        return self._handle(self._walk(path))

    def create(self, path: str, mode: int, flags: int = 0) -> int:
        parent, name = self._parent(path)
        if name in parent.names:
            node = parent.names[name]
        else:
            self._change()
            node = Node(folder=False, mode=stat.S_IMODE(mode))
            parent.change_names((name, node))
        return self._handle(node)

    def mkdir(self, path: str, mode: int) -> int:
        parent, name = self._parent(path)
        if name in parent.names:
            raise FuseOSError(errno.EEXIST)
        self._change()
        parent.change_names((name, Node(folder=True, mode=stat.S_IMODE(mode))))
        return 0

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        self._alive()
        return bytes(self.handles[fh].data[offset:offset + size])

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        self._change()
        self.handles[fh].write(offset, bytes(data))
        return len(data)

    def truncate(self, path: str, length: int, fh: int | None = None) -> int:
        self._change()
        (self.handles[fh] if fh in self.handles else self._walk(path)).truncate(length)
        return 0

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        self._change()
        self.handles[fh].flush()
        return 0

    def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
        self._change()
        self._walk(path).flush()
        return 0

    def release(self, path: str, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    def releasedir(self, path: str, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    def unlink(self, path: str) -> int:
        parent, name = self._parent(path)
        if name not in parent.names:
            raise FuseOSError(errno.ENOENT)
        self._change()
        parent.change_names((name, None))
        return 0

    def rmdir(self, path: str) -> int:
        node = self._walk(path)
        if node.names:
            raise FuseOSError(errno.ENOTEMPTY)
        return self.unlink(path)

    def link(self, target: str, source: str) -> int:
        node = self._walk(source)
        parent, name = self._parent(target)
        if name in parent.names:
            raise FuseOSError(errno.EEXIST)
        self._change()
        parent.change_names((name, node))
        return 0

    def rename(self, old: str, new: str) -> int:
        node = self._walk(old)
        (from_parent, old_name), (to_parent, new_name) = self._parent(old), self._parent(new)
        self._change()
        if from_parent is to_parent:
            from_parent.change_names((old_name, None), (new_name, node))
        else:
            to_parent.change_names((new_name, node))
            from_parent.change_names((old_name, None))
        return 0


def _load(folder: Path) -> Node:
    """A folder of the real disk as a flushed Node tree."""
    node = Node(folder=True, mode=0o755)
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            child = _load(entry)
        else:
            data = entry.read_bytes()
            child = Node(folder=False, data=bytearray(data), flushed=data,
                         mode=stat.S_IMODE(entry.stat().st_mode))
        node.names[entry.name] = child
    node.flushed_names = dict(node.names)
    return node


def _save(node: Node, folder: Path, keep: float, rng: random.Random) -> None:
    """Write what the next boot finds of folder `node` into `folder` on the real disk."""
    folder.mkdir(mode=node.mode)
    names = _after_power_cut(node, keep, rng)
    assert isinstance(names, dict)
    for name, child in names.items():
        if child.folder:
            _save(child, folder / name, keep, rng)
        else:
            content = _after_power_cut(child, keep, rng)
            assert isinstance(content, bytes)
            (folder / name).write_bytes(content)
            (folder / name).chmod(child.mode)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image", type=Path)
    parser.add_argument("mountpoint", type=Path)
    parser.add_argument("--cut-after", type=int, required=True)
    parser.add_argument("--keep", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    disk = PowerCutDisk(args.image, args.cut_after, args.keep, args.seed)
    FUSE(disk, str(args.mountpoint), foreground=True, nothreads=True, hard_remove=True)


if __name__ == "__main__":
    main(sys.argv[1:])
