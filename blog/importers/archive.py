"""Reading a .zip someone uploads without trusting it: an import's files (Wix's feed,
CSV and pages together, this site's own export with its media) come in one archive.

A member is unpacked only under the folder it is given (no absolute names, no "..", no
links), and the whole is bounded: a small archive that unpacks to gigabytes (a "zip
bomb") is stopped by the bytes actually written, not by what the archive claims."""

import stat
import zipfile
from pathlib import Path, PurePosixPath

from blog.importers.records import ImportFileError

MAX_MEMBERS = 100_000
CHUNK = 1024 * 1024


def is_zip(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


def safe_name(name: str) -> PurePosixPath | None:
    """The member's path inside the archive if it stays inside it, else None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or ":" in path.parts[0]:
        return None
    return path


def unpack(path: Path, into: Path, *, max_bytes: int, suffixes=None) -> list[Path]:
    """The archive's files written under `into`, in the archive's order. Folders,
    links and names outside `into` are left out; with `suffixes`, so is any file whose
    name ends otherwise (and hidden files such as macOS's __MACOSX/._ copies)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ImportFileError(f"{path.name} is not a readable .zip ({error}).") from error
    written, out = 0, []
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFileError(f"{path.name} holds more than {MAX_MEMBERS:,} files.")
        for member in members:
            name = safe_name(member.filename)
            is_link = stat.S_ISLNK(member.external_attr >> 16)
            if member.is_dir() or is_link or name is None:
                continue
            if any(part.startswith((".", "__MACOSX")) for part in name.parts):
                continue
            if suffixes is not None and name.suffix.lower() not in suffixes:
                continue
            target = into.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, target.open("wb") as sink:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise ImportFileError(
                                f"{path.name} unpacks to more than {max_bytes // 2**20:,} MB."
                            )
                        sink.write(chunk)
            except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as error:
                # RuntimeError: a password-protected member.
                raise ImportFileError(
                    f"{path.name}: {member.filename} cannot be read ({error})."
                ) from error
            out.append(target)
    return out
