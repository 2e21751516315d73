"""What a user names, checked once for every command: URLs, page files, lists, database files.

Each check says in one plain sentence why a string or a path cannot be used, and nothing here
can hang or read without limit: a path is ``stat``-ed before it is opened, special files (FIFOs,
devices, sockets) are refused where a file is wanted, files are opened with ``O_NONBLOCK`` (a
FIFO swapped in after the check cannot block the open) and read up to a size limit.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

MAX_URL_CHARS = 4096
"""Longer than any real article address; servers refuse far shorter ones (8 KB at most)."""
MAX_LIST_BYTES = 16 * 1024 * 1024
"""A ``--from`` list or a ``--note-file``: sixteen megabytes of text is already absurd."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # tab is a legal (if odd) file name char
_SURROGATE = re.compile("[\ud800-\udfff]")
_HOST_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$")


class SourceError(Exception):
    """A string or a path that cannot be used; the message is one plain sentence."""


# -- URLs ----------------------------------------------------------------------------------


def looks_like_url(text: str) -> bool:
    """Meant as a URL (a scheme and ``://``, or ``www.``), valid or not; never raises."""
    return bool(_SCHEME.match(text)) or text.lower().startswith(("http:", "https:", "www."))


def check_url(text: str) -> str:
    """``text`` as an http(s) URL ready to fetch (a non-ASCII host in its ASCII form), or
    SourceError saying what is wrong with it."""
    if len(text) > MAX_URL_CHARS:
        raise SourceError(f"the URL is longer than {MAX_URL_CHARS} characters")
    if _SURROGATE.search(text):
        raise SourceError("the URL is not valid UTF-8 text")
    if _CONTROL_OR_SPACE.search(text):
        raise SourceError("a URL cannot contain spaces or control characters (write %20)")
    if text.lower().startswith("www."):
        raise SourceError("not an http(s) URL (add https:// in front)")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:
        raise SourceError(f"not a valid URL ({str(exc).lower()})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError("not an http(s) URL")
    host = parts.hostname
    if not host:
        raise SourceError("not an http(s) URL (it has no host name)")
    if ":" not in host:  # IPv6 literals were checked by urlsplit
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise SourceError(f"not a valid host name ({host})") from None
        if not all(_HOST_LABEL.match(label) for label in ascii_host.rstrip(".").split(".")):
            raise SourceError(f"not a valid host name ({host})")
        if ascii_host != host:
            netloc = ascii_host if port is None else f"{ascii_host}:{port}"
            if parts.username is not None:
                netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
            text = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return text


# -- paths ---------------------------------------------------------------------------------


def kind_of(mode: int) -> str:
    """What a non-regular file is, for a message: ``a FIFO``, ``a device``, ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_REASONS = {
    errno.ELOOP: "a symlink loop",
    errno.ENOENT: "no such file",
    errno.ENAMETOOLONG: "the path is too long",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
}


def os_reason(exc: OSError) -> str:
    """The plain words for an OSError: ``permission denied``, ``a symlink loop``, ..."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def check_name(path: str) -> None:
    """Refuse a path whose name cannot be stored or shown: control characters, or bytes that
    are not UTF-8 (Python passes them through as surrogates)."""
    if _SURROGATE.search(path):
        raise SourceError("the file name is not valid UTF-8; rename the file")
    if _CONTROL.search(path):
        raise SourceError("the file name contains control characters; rename the file")


def stat_path(path: str | Path) -> os.stat_result:
    """``os.stat`` (following symlinks) with the failure in words."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.EACCES:
            raise SourceError("cannot reach it (permission denied)") from None
        raise SourceError(os_reason(exc)) from None
    except ValueError:  # an embedded NUL
        raise SourceError("the path contains a NUL character") from None


def _read_fd(fd: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes from ``fd`` (one more tells "over the limit")."""
    chunks, total = [], 0
    while total <= limit:
        chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class _NotAFile(Exception):
    """What was opened is not something to read (its mode says what it is)."""

    def __init__(self, mode: int):
        super().__init__(mode)
        self.mode = mode


def _read_opened(path: str | Path, limit: int, *, pipes: bool) -> bytes:
    """Up to ``limit + 1`` bytes of what ``path`` opens to: a regular file, or with ``pipes``
    also a FIFO, read as it comes. Opened without waiting (a FIFO nobody writes to) and
    checked once open: what was opened, not what was looked at (it may have been swapped).
    :class:`_NotAFile` for anything else; OSError as the system says it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode))):
            raise _NotAFile(mode)
        if pipes:
            os.set_blocking(fd, True)  # a pipe with a writer is read as it comes
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def size_text(n: int) -> str:
    """A byte count for a limit in words: "10 MB", "512 KB"."""
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; SourceError for anything else
    (a FIFO, a device, a socket, a folder, unreadable, too large)."""
    st = stat_path(path)
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{kind_of(st.st_mode)}, not a file")
    if st.st_size > limit:
        raise SourceError(f"larger than the {size_text(limit)} limit")
    try:
        data = _read_opened(path, limit, pipes=False)
    except _NotAFile as exc:
        raise SourceError(f"{kind_of(exc.mode)}, not a file") from None
    except OSError as exc:
        raise SourceError(f"cannot read it ({os_reason(exc)})") from None
    if len(data) > limit:  # a file that grew while it was read
        raise SourceError(f"larger than the {size_text(limit)} limit")
    return data


def read_stream(name: str, *, limit: int = MAX_LIST_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of a list of sources or a note: ``-`` is standard input; a regular file, or a
    pipe (``<(command)``, a FIFO) read to its end. Devices, sockets and folders are refused;
    a FIFO is opened without waiting, so one that nobody writes to reads as empty."""
    where = "standard input" if name == "-" else name
    if name == "-":
        if stdin is None:
            raise SourceError("no standard input to read")
        data = stdin.read(limit + 1)
    else:
        check_name(name)
        try:
            st = stat_path(name)
        except SourceError as exc:
            raise SourceError(f"cannot read {where}: {exc}") from None
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            hint = " (give - for standard input)" if stat.S_ISCHR(st.st_mode) else ""
            raise SourceError(f"{where} is {kind_of(st.st_mode)}, not a file{hint}")
        try:
            data = _read_opened(name, limit, pipes=True)
        except _NotAFile as exc:
            raise SourceError(f"{where} is {kind_of(exc.mode)}, not a file") from None
        except OSError as exc:
            raise SourceError(f"cannot read {where} ({os_reason(exc)})") from None
    if len(data) > limit:
        raise SourceError(f"{where} is larger than the {size_text(limit)} limit")
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, where: str) -> str:
    """Text typed by a person: UTF-8, or UTF-16/32 when a byte-order mark says so. Anything
    else is refused with the line where it stops being UTF-8, rather than guessed: a guess at
    a list of file names or a note could silently change what they say."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise SourceError(f"{where} is not valid {codec.upper()} text") from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError(
                f"{where} is not UTF-8 text (line {line}); save it as UTF-8"
            ) from None
    if "\x00" in text:
        raise SourceError(f"{where} is not a text file (it holds NUL bytes)")
    return text


def read_text(name: str, *, limit: int = MAX_LIST_BYTES, stdin: BinaryIO | None = None) -> str:
    """A text file a user names (``-`` for standard input), checked, limited and decoded."""
    where = "standard input" if name == "-" else name
    return decode_text(read_stream(name, limit=limit, stdin=stdin), where)


# -- the database file ---------------------------------------------------------------------


def _check_db_folder(parent: Path, *, make_folder: bool) -> None:
    try:
        st = os.stat(parent)
    except FileNotFoundError:
        if make_folder:
            return
        raise SourceError(f"the folder {parent} does not exist") from None
    except OSError as exc:
        raise SourceError(f"cannot use the folder {parent} ({os_reason(exc)})") from None
    if not stat.S_ISDIR(st.st_mode):
        raise SourceError(f"{parent} is not a folder")


def check_db_path(path: Path, *, make_folder: bool) -> None:
    """A usable database path: an existing regular, readable file, or a new one in a folder
    that exists (made when ``make_folder``, for the default path)."""
    text = str(path)
    check_name(text)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        _check_db_folder(path.parent, make_folder=make_folder)
        return
    except OSError as exc:
        raise SourceError(f"cannot open the database {path} ({os_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(f"{path} is a folder, not a database file")
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{path} is {kind_of(st.st_mode)}, not a database file")
    if not os.access(path, os.R_OK):
        raise SourceError(f"cannot read the database {path} (permission denied)")
