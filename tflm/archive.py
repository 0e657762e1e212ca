"""Reading ``.npz`` archives that may be hostile: declared sizes are checked before anything is unpacked.

``np.load`` trusts the archive: it opens any member, allocates what a member's ``.npy`` header declares and
inflates whatever the zip says, so a few megabytes on disk can cost gigabytes of memory and minutes before a
loader sees the data and refuses it. :func:`read_npz` first checks the zip's central directory — exactly the
expected members, each within its cap — then every member's ``.npy`` header — dtype, one dimension, and a
length that matches the member's declared size — and only then reads the data. zipfile never inflates a
member past its declared size (and checks its CRC at the end), so the caps bound memory and time.

Problems are raised as :class:`ValueError`; the loaders wrap them in their own
:class:`~tflm.errors.TflmError`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

#: Room for a member's ``.npy`` preamble (magic, version, header dict, padding) beyond its array data.
NPY_PREAMBLE = 4096
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what np.savez / savez_compressed write


@dataclass(frozen=True)
class Member:
    """What an archive member must be: a one-dimensional array of ``dtype`` of at most ``max_bytes``.

    Attributes
    ----------
    dtype : str
        The exact numpy dtype, e.g. ``"<f8"`` or ``"|u1"``.
    max_bytes : int
        Cap on the array's data; the member's unpacked size may exceed it by :data:`NPY_PREAMBLE` only.
    required : bool
        Whether the archive must hold the member.
    """

    dtype: str
    max_bytes: int
    required: bool = True


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n} bytes"


def _check_directory(zf: zipfile.ZipFile, members: Mapping[str, Member]) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise ValueError("the archive lists a member twice")
    expected = {f"{k}.npy": k for k in members}
    unknown = sorted(set(names) - set(expected))
    if unknown:
        raise ValueError(f"unexpected members {', '.join(map(repr, unknown[:5]))}")
    found = {expected[i.filename]: i for i in infos}
    missing = [k for k, m in members.items() if m.required and k not in found]
    if missing:
        raise ValueError(f"missing members {', '.join(map(repr, missing))}")
    for key, info in found.items():
        cap = members[key].max_bytes + NPY_PREAMBLE
        if info.file_size > cap:
            raise ValueError(
                f"member {key!r} unpacks to {_mib(info.file_size)}, more than the {_mib(cap)} it may take"
            )
        if info.compress_type not in _COMPRESSIONS or info.flag_bits & 0x1:
            raise ValueError(f"member {key!r} is encrypted or compressed in an unsupported way")
    return found


def _array_length(fp: IO[bytes], key: str, member: Member, file_size: int) -> int:
    """Parse the member's ``.npy`` header; the array's length, checked against the type and sizes."""
    version = np.lib.format.read_magic(fp)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(fp)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(fp)
    else:
        raise ValueError(f"member {key!r}: unsupported .npy version {version}")
    if dtype != np.dtype(member.dtype) or len(shape) != 1:
        raise ValueError(f"member {key!r} is {dtype} of shape {shape}, expected a 1-d {member.dtype} array")
    nbytes = int(shape[0]) * dtype.itemsize
    # The header's shape decides what numpy allocates: it must agree with the size the zip declares.
    if nbytes > member.max_bytes or fp.tell() + nbytes != file_size:
        raise ValueError(f"member {key!r}: its .npy header does not match its size")
    return int(shape[0])


def read_npz(
    path: str | Path,
    members: Mapping[str, Member],
    check: Callable[[dict[str, int]], None] | None = None,
) -> dict[str, np.ndarray]:
    """The arrays of the archive at ``path``, after checking every declared size.

    Parameters
    ----------
    path : path
        An archive written by ``np.savez`` or ``np.savez_compressed``.
    members : mapping of str to Member
        Every member the archive may hold; any other member is refused.
    check : callable, optional
        Called with the length of every member's array before any data is read: a place to check that the
        lengths agree with each other (raise :class:`ValueError` if not).

    Returns
    -------
    dict of str to ndarray
        The members present, by name (without ``.npy``).
    """
    with zipfile.ZipFile(path) as zf:
        found = _check_directory(zf, members)
        lengths = {}
        for key, info in found.items():
            with zf.open(info) as fp:
                lengths[key] = _array_length(fp, key, members[key], info.file_size)
        if check is not None:
            check(lengths)
        arrays = {}
        for key, info in found.items():
            with zf.open(info) as fp:
                arrays[key] = np.lib.format.read_array(fp, allow_pickle=False)
    return arrays
