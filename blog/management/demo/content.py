"""Demo content for `manage.py loaddemo`: writers, posts and reader comments, all invented
for this project, read from the data files beside this module.

- writers.json: the writers, in order; the first is the one `ensure_editor` links to the
  editor account.
- posts/NN-name.json: a post's details and its comment threads (replies nest up to three
  levels; comments marked pending give the moderation queue work), with its body in
  posts/NN-name.html. The number orders the posts.

Times are relative to the moment of loading, so a fresh checkout always shows recent
posts, one draft (`"days_ago": null`) and one scheduled for next week (a negative
`days_ago`)."""

import json
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from blog.models import PostStatus

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DemoWriter:
    name: str
    slug: str
    role: str
    bio: str
    colours: tuple[str, str]  # the picture's gradient, top left to bottom right


@dataclass(frozen=True)
class DemoCover:
    alt: str
    sky: tuple[str, str]  # zenith, horizon
    hills: str  # the nearest ridge; farther ridges fade into the horizon colour
    sun: str
    has_water: bool = False


@dataclass(frozen=True)
class DemoComment:
    name: str
    email: str
    hours_later: float  # after the post went live, or after the comment it answers
    body: str
    replies: tuple["DemoComment", ...] = ()
    is_pending: bool = False


@dataclass(frozen=True)
class DemoPost:
    title: str
    excerpt: str
    body: str
    writers: tuple[str, ...]  # writer slugs, in credited order
    tags: tuple[str, ...]
    cover: DemoCover
    days_ago: int | None  # negative schedules the post; None leaves it a draft
    at: time = time(9, 30)  # local publish time on that day
    view_count: int = 0
    comments: tuple[DemoComment, ...] = ()

    @property
    def status(self) -> str:
        return PostStatus.DRAFT if self.days_ago is None else PostStatus.PUBLISHED


class DemoDataError(ValueError):
    """A demo data file that cannot be read, with the file named."""


def _comment(data: dict) -> DemoComment:
    replies = tuple(_comment(reply) for reply in data.pop("replies", ()))
    return DemoComment(**data, replies=replies)


def _post(path: Path) -> DemoPost:
    data = json.loads(path.read_text(encoding="utf-8"))
    cover = data.pop("cover")
    fields = data | {
        "body": path.with_suffix(".html").read_text(encoding="utf-8"),
        "writers": tuple(data["writers"]),
        "tags": tuple(data["tags"]),
        "cover": DemoCover(**(cover | {"sky": tuple(cover["sky"])})),
        "at": time.fromisoformat(data.get("at", "09:30")),
        "comments": tuple(_comment(comment) for comment in data.get("comments", ())),
    }
    return DemoPost(**fields)


def _read(path: Path, parse):
    """Parse one file; whatever is wrong in it is reported with its name (and, for JSON
    that does not parse, the line)."""
    try:
        return parse(path)
    except json.JSONDecodeError as error:
        raise DemoDataError(f"{path.name}, line {error.lineno}: {error.msg}") from error
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise DemoDataError(f"{path.name}: {error!r}") from error


def load_writers(folder: Path = HERE) -> tuple[DemoWriter, ...]:
    def parse(path: Path):
        rows = json.loads(path.read_text(encoding="utf-8"))
        return tuple(DemoWriter(**(row | {"colours": tuple(row["colours"])})) for row in rows)

    return _read(folder / "writers.json", parse)


def load_posts(folder: Path = HERE) -> tuple[DemoPost, ...]:
    return tuple(_read(path, _post) for path in sorted((folder / "posts").glob("*.json")))


WRITERS = load_writers()
POSTS = load_posts()
