"""Demo content for `manage.py loaddemo`: writers, posts and reader comments, all invented
for this project. Times are relative to the moment of loading, so a fresh checkout always
shows recent posts, one draft and one post scheduled for next week."""

from dataclasses import dataclass
from datetime import time

from blog import demo_comments, demo_posts
from blog.demo_comments import DemoComment
from blog.models import PostStatus


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


# The first writer is the one `ensure_editor` links to the editor account.
WRITERS = (
    DemoWriter(
        name="Leyla Hüseynova",
        slug="leyla-huseynova",
        role="Programme director",
        bio=(
            "Leyla started the foundation's dialogue programme in Baku and has facilitated "
            "circles across Azerbaijan for more than a decade. She trained as a schoolteacher "
            "in Gəncə and still believes most good ideas begin in a classroom."
        ),
        colours=("#f6d365", "#e0734f"),
    ),
    DemoWriter(
        name="Nino Beridze",
        slug="nino-beridze",
        role="Youth exchange coordinator, Tbilisi",
        bio=(
            "Nino runs the foundation's youth and teacher exchanges from Tbilisi. Before "
            "joining, she taught geography in Kutaisi and guided hikers in Svaneti, which she "
            "says is the same job with different weather."
        ),
        colours=("#8fe3b0", "#2a7f78"),
    ),
    DemoWriter(
        name="Tomas Lindqvist",
        slug="tomas-lindqvist",
        role="Environment programme adviser",
        bio=(
            "Tomas is a freshwater ecologist from Uppsala who has worked on river projects in "
            "the South Caucasus since 2015. He is learning Azerbaijani, slowly, from the "
            "students in the River Notebook project."
        ),
        colours=("#a8c8fb", "#3b5ba9"),
    ),
    DemoWriter(
        name="Anahit Petrosyan",
        slug="anahit-petrosyan",
        role="Guest writer",
        bio=(
            "Anahit is an oral historian in Yerevan who records the memories of people "
            "displaced by conflict in the region. She writes for this blog as a guest; her "
            "views are her own."
        ),
        colours=("#dcb4ff", "#7b3fa0"),
    ),
)

POSTS = (
    DemoPost(
        title="What the river remembers: water, data and trust along the Kura",
        excerpt=(
            "School groups in four towns measure the same river every month. The numbers "
            "are modest; what they did for trust between the towns is not."
        ),
        body=demo_posts.RIVER_BODY,
        writers=("tomas-lindqvist", "nino-beridze"),
        tags=("environment", "youth", "education", "regional cooperation"),
        cover=DemoCover(
            alt=(
                "Illustration: layers of teal hills fading into a pale morning sky, "
                "a soft sun and a calm river in the foreground."
            ),
            sky=("#bfe2ee", "#f6ecd2"),
            hills="#24615f",
            sun="#fff7dd",
            has_water=True,
        ),
        days_ago=52,
        at=time(10, 0),
        view_count=734,
        comments=demo_comments.RIVER_COMMENTS,
    ),
    DemoPost(
        title="Tea in Şəki: notes from a youth exchange",
        excerpt=(
            "Twenty-two young people, one old caravan town and a week of conversations "
            "that happened over tea rather than across a conference table."
        ),
        body=demo_posts.SHEKI_BODY,
        writers=("leyla-huseynova",),
        tags=("youth", "dialogue", "oral history"),
        cover=DemoCover(
            alt=(
                "Illustration: plum-coloured mountain ridges under a warm orange evening "
                "sky, with a setting sun."
            ),
            sky=("#f7b267", "#fde4b8"),
            hills="#5b2f45",
            sun="#fff3c4",
        ),
        days_ago=41,
        view_count=518,
        comments=demo_comments.SHEKI_COMMENTS,
    ),
    DemoPost(
        title="Listening before speaking: how our dialogue circles work",
        excerpt=(
            "No debates, no votes and no conclusions to sign: what actually happens in a "
            "dialogue circle, and why it works better slowly."
        ),
        body=demo_posts.CIRCLES_BODY,
        writers=("leyla-huseynova",),
        tags=("dialogue", "peace-building"),
        cover=DemoCover(
            alt=(
                "Illustration: indigo hills in soft layers fading into a lavender sky "
                "with a pale sun."
            ),
            sky=("#b9a8dc", "#ece6f7"),
            hills="#34305e",
            sun="#fdf6e3",
        ),
        days_ago=33,
        at=time(11, 0),
        view_count=887,
        comments=demo_comments.CIRCLES_COMMENTS,
    ),
    DemoPost(
        title="The keys we kept: collecting oral histories of home",
        excerpt=(
            "In almost every interview someone leaves the room and comes back holding a key. "
            "An oral historian on what the keys remember."
        ),
        body=demo_posts.KEYS_BODY,
        writers=("anahit-petrosyan",),
        tags=("oral history", "peace-building"),
        cover=DemoCover(
            alt=(
                "Illustration: brown hills in layers under a sand-coloured sky, with a soft "
                "white sun."
            ),
            sky=("#dcb896", "#f7eadb"),
            hills="#4e3a28",
            sun="#fffaf0",
        ),
        days_ago=24,
        at=time(10, 15),
        view_count=612,
        comments=demo_comments.KEYS_COMMENTS,
    ),
    DemoPost(
        title="Gəncə, Kutaisi, Gyumri: three classrooms, one workshop",
        excerpt=(
            "Eighteen teachers from three countries swapped textbook pages and asked one "
            "question: what would a student from the other country feel reading this?"
        ),
        body=demo_posts.TEACHERS_BODY,
        writers=("nino-beridze",),
        tags=("education", "dialogue", "regional cooperation"),
        cover=DemoCover(
            alt="Illustration: deep green hills beneath a mint-green sky and a pale sun.",
            sky=("#9fd8c3", "#e4f6ec"),
            hills="#1f5444",
            sun="#fbfff4",
        ),
        days_ago=14,
        at=time(9, 0),
        view_count=306,
        comments=demo_comments.TEACHERS_COMMENTS,
    ),
    DemoPost(
        title="Small grants, long roots: five years of community projects",
        excerpt=(
            "Sixty community projects, most of them small. What a repaired footbridge taught "
            "us about ownership, mixed teams and peace as a habit."
        ),
        body=demo_posts.GRANTS_BODY,
        writers=("leyla-huseynova",),
        tags=("peace-building", "environment", "community"),
        cover=DemoCover(
            alt=(
                "Illustration: dark crimson hills under a rose-pink sky, above a still lake "
                "that reflects the light."
            ),
            sky=("#f4a3bd", "#fde6ee"),
            hills="#6e2545",
            sun="#fff5f8",
            has_water=True,
        ),
        days_ago=5,
        at=time(12, 30),
        view_count=94,
        comments=demo_comments.GRANTS_COMMENTS,
    ),
    DemoPost(
        title="Planting season: a shared tree nursery in the Alazani valley",
        excerpt=(
            "Two farming communities, one on each bank, grow native trees from local seed "
            "and swap saplings every spring."
        ),
        body=demo_posts.NURSERY_BODY,
        writers=("tomas-lindqvist",),
        tags=("environment", "regional cooperation"),
        cover=DemoCover(
            alt=(
                "Illustration: dark blue ridges above a still river under a clear light-blue sky."
            ),
            sky=("#8ec5f5", "#e6f3fd"),
            hills="#1d456b",
            sun="#ffffff",
            has_water=True,
        ),
        days_ago=None,
    ),
    DemoPost(
        title="Kitchen memories: the recipes that crossed borders",
        excerpt=(
            "The longest and happiest parts of almost every oral history interview are about "
            "food. A new project records them in the kitchen."
        ),
        body=demo_posts.RECIPES_BODY,
        writers=("anahit-petrosyan",),
        tags=("oral history", "community"),
        cover=DemoCover(
            alt="Illustration: amber hills under a golden afternoon sky and a bright sun.",
            sky=("#ffc46b", "#fff1d6"),
            hills="#7c4a1e",
            sun="#fffbe8",
        ),
        days_ago=-7,
        at=time(9, 0),
    ),
)
