"""Demo content for `manage.py loaddemo`: writers, tags, posts, series and reader
comments, all invented for this project, read from the data files beside this module.

- writers.json: the writers, in order; the first is the one `ensure_editor` links to the
  editor account. `role_translations` and `bio_translations` give the role and bio in
  the site's other languages, by language code ({"az": "…", "ru": "…"}).
- tags.json: every tag the posts use, by its English name, with `name_translations`
  ({"az": "…", "ru": "…"}); the posts name their tags in English whatever their language.
- posts/NN-name.json: a post's details and its comment threads (replies nest up to three
  levels; comments marked pending give the moderation queue work), with its body in
  posts/NN-name.html. The number orders the posts. Optional keys:
  - `language`: the post's language code, "en" when left out;
  - `slug`: its address, ASCII (say, a transliterated title); made from the title when
    left out;
  - `translation_of`: for a translation, the NN-name of the original's file, which
    must come earlier. The translation joins the original's translation group (one
    version a language) and may leave out `writers`, `tags` and all of `cover` but
    its `alt`: they are the original's, and the cover is drawn as the same picture.

- series.json: series of posts to be read in order, each with its title, slug,
  language, description and `parts`: the NN-name of each post's file, in reading order.

Times are relative to the moment of loading, so a fresh checkout always shows recent
posts, one draft (`"days_ago": null`) and one scheduled for next week (a negative
`days_ago`). Posts in another language than English are older than the newest English
post, and the oldest published post is English: the end-to-end tests open both."""

import json
from dataclasses import asdict, dataclass, field
from datetime import time
from functools import partial
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
    role_translations: dict[str, str] = field(default_factory=dict)  # by language code
    bio_translations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoTag:
    name: str
    name_translations: dict[str, str] = field(default_factory=dict)  # by language code


@dataclass(frozen=True)
class DemoCover:
    alt: str
    sky: tuple[str, str]  # zenith, horizon
    hills: str  # the nearest ridge; farther ridges fade into the horizon colour
    sun: str
    has_water: bool = False
    # Places the sun and shapes the ridges: the title of the post the picture was drawn
    # for, which its translations keep, so every version shows the same picture.
    seed: str = ""


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
    name: str = ""  # the file's stem, "02-tea-in-seki-notes", as `translation_of` names it
    language: str = "en"
    slug: str = ""  # empty: made from the title
    translation_of: str | None = None  # the original's `name`

    @property
    def status(self) -> str:
        return PostStatus.DRAFT if self.days_ago is None else PostStatus.PUBLISHED


@dataclass(frozen=True)
class DemoSeries:
    title: str
    slug: str
    description: str
    parts: tuple[str, ...]  # post file names ("03-listening-before-speaking-how"), in order
    language: str = "en"


class DemoDataError(ValueError):
    """A demo data file that cannot be read, with the file named."""


def _comment(data: dict) -> DemoComment:
    replies = tuple(_comment(reply) for reply in data.pop("replies", ()))
    return DemoComment(**data, replies=replies)


def _original(data: dict, earlier: dict[str, DemoPost]) -> DemoPost:
    """The post a translation's data names, checked: an earlier original without a
    version in the translation's language yet."""
    name, language = data["translation_of"], data.get("language", "en")
    source = earlier.get(name)
    if source is None:
        raise ValueError(f"translation_of {name!r}: no earlier post file has that name")
    if source.translation_of is not None:
        raise ValueError(f"translation_of {name!r}: a translation; name its original")
    versions = [source, *(p for p in earlier.values() if p.translation_of == name)]
    if any(version.language == language for version in versions):
        raise ValueError(f"translation_of {name!r}: already has a version in {language!r}")
    return source


def _post(path: Path, earlier: dict[str, DemoPost]) -> DemoPost:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "translation_of" in data:
        source = _original(data, earlier)
        data = {"writers": source.writers, "tags": source.tags} | data
        cover = asdict(source.cover) | data.pop("cover")
    else:
        cover = {"seed": data["title"]} | data.pop("cover")
    fields = data | {
        "name": path.stem,
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


def load_tags(folder: Path = HERE) -> tuple[DemoTag, ...]:
    def parse(path: Path):
        return tuple(DemoTag(**row) for row in json.loads(path.read_text(encoding="utf-8")))

    return _read(folder / "tags.json", parse)


def load_posts(folder: Path = HERE) -> tuple[DemoPost, ...]:
    posts: dict[str, DemoPost] = {}
    for path in sorted((folder / "posts").glob("*.json")):
        post = _read(path, partial(_post, earlier=posts))
        posts[post.name] = post
    return tuple(posts.values())


def load_series(folder: Path = HERE, posts: tuple[DemoPost, ...] | None = None):
    """The series, each naming posts of its language that exist in `posts`."""
    names = {post.name: post for post in (posts if posts is not None else load_posts(folder))}

    def parse(path: Path):
        found = []
        for row in json.loads(path.read_text(encoding="utf-8")):
            series = DemoSeries(**(row | {"parts": tuple(row["parts"])}))
            for name in series.parts:
                if name not in names:
                    raise ValueError(f"{series.slug}: no post file is named {name!r}")
                if names[name].language != series.language:
                    raise ValueError(f"{series.slug}: {name!r} is not in {series.language!r}")
            found.append(series)
        return tuple(found)

    return _read(folder / "series.json", parse)


WRITERS = load_writers()
TAGS = load_tags()
POSTS = load_posts()
SERIES = load_series(posts=POSTS)
