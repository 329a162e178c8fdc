"""Where generated files and fetched documents may be written: regular files only.

One rule for ``fetch -o`` and ``generate``: a symlink is written through, and anything that is not
a regular file (a device, a FIFO, a socket, a folder) is refused before anything is written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UserError


def output_target(path: str | Path, fix: str = "choose another output path") -> Path:
    """Where writing ``path`` really goes; a ``UserError`` when it must not be written.

    A symlink is written through: the file it points to is replaced (atomically) and the link
    stays. Anything there that is not a regular file (a device, a FIFO, a socket, a directory)
    is refused rather than replaced: ``-o /dev/full`` must not swap the device for a JSON file.
    ``fix`` says what to do instead.
    """
    given = Path(path)
    real = Path(os.path.realpath(given))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real  # a new file (or a dangling link: its target is created)
    except OSError as error:  # e.g. a symlink loop, a path through a file
        raise UserError(f"cannot write {given}: {error.strerror}; {fix}") from None
    if not stat.S_ISREG(mode):
        through = f" (through the link to {real})" if real != Path(os.path.abspath(given)) else ""
        raise UserError(
            f"{given} is {file_kind(mode)}{through}, not a regular file; refusing to replace "
            f"it: {fix}"
        )
    return real


def file_kind(mode: int) -> str:
    """``"a directory"``, ``"a character device"``...: what a ``stat`` mode says a path is."""
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISREG, "a file"),
    ):
        if test(mode):
            return kind
    return "a special file"
