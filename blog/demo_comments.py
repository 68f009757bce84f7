"""Reader comments on the demo posts, invented for this project: threads up to three
levels deep, and two comments left pending so the moderation queue has work."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoComment:
    name: str
    email: str
    hours_later: float  # after the post went live, or after the comment it answers
    body: str
    replies: tuple["DemoComment", ...] = ()
    is_pending: bool = False


RIVER_COMMENTS = (
    DemoComment(
        name="Elene Kapanadze",
        email="elene.k@example.org",
        hours_later=7,
        body=(
            "I teach biology near Mtskheta and my students would love this. Which "
            "test kits do you use, and can they be bought locally?"
        ),
        replies=(
            DemoComment(
                name="Tomas Lindqvist",
                email="tomas@example.org",
                hours_later=5,
                body=(
                    "Thank you, Elene. We use a basic freshwater kit with strips for "
                    "nitrate, phosphate and pH; a pharmacy supplier in Tbilisi stocks "
                    "them. Write to us and we will send the list and the glossary."
                ),
                replies=(
                    DemoComment(
                        name="Elene Kapanadze",
                        email="elene.k@example.org",
                        hours_later=20,
                        body="Done! My class voted to call our page “Aragvi Notebook”.",
                    ),
                ),
            ),
        ),
    ),
    DemoComment(
        name="Rəşad Məmmədli",
        email="rashad.m@example.com",
        hours_later=30,
        body=(
            "Two groups reading the same strip differently for a whole year is the "
            "most honest thing I have read about science this month."
        ),
    ),
    DemoComment(
        name="Maria Schneider",
        email="m.schneider@example.com",
        hours_later=75,
        body="Is the data public? I would like to show it to my students in Leipzig.",
        replies=(
            DemoComment(
                name="Nino Beridze",
                email="nino@example.org",
                hours_later=6,
                body=(
                    "Not yet, the students are still deciding how to present it. We "
                    "hope to publish the first two years before the summer."
                ),
            ),
        ),
    ),
)

SHEKI_COMMENTS = (
    DemoComment(
        name="Aygün Rzayeva",
        email="aygun.r@example.org",
        hours_later=3,
        body=(
            "I was one of the participants. The courtyard evenings were the best "
            "part, and I still make the walnut jam the shopkeeper taught us."
        ),
        replies=(
            DemoComment(
                name="Levan Tsiklauri",
                email="levan.t@example.com",
                hours_later=4,
                body="Aygün, you promised to send me that recipe in June!",
                replies=(
                    DemoComment(
                        name="Aygün Rzayeva",
                        email="aygun.r@example.org",
                        hours_later=2,
                        body="Sent. The secret is patience, and a lot of sugar.",
                    ),
                ),
            ),
        ),
    ),
    DemoComment(
        name="Sophie Laurent",
        email="sophie.laurent@example.com",
        hours_later=26,
        body=(
            "How did you find the local guests? I organise exchanges in Lyon and we "
            "always struggle to involve people who are not already in our network."
        ),
        replies=(
            DemoComment(
                name="Leyla Hüseynova",
                email="leyla@example.org",
                hours_later=9,
                body=(
                    "Mostly by asking the first guest who we should ask next. Every "
                    "one of them knew someone better than we could have found."
                ),
            ),
        ),
    ),
)

CIRCLES_COMMENTS = (
    DemoComment(
        name="Kamran Quliyev",
        email="kamran.q@example.com",
        hours_later=2,
        body=(
            "The rule against replies during a round seems strange at first. Does "
            "nobody get frustrated when they cannot answer back?"
        ),
        replies=(
            DemoComment(
                name="Tamar Gelashvili",
                email="tamar.g@example.org",
                hours_later=5,
                body=(
                    "I facilitated circles in Kutaisi. People do get frustrated, for "
                    "about one session. Then they notice they are being listened to "
                    "as well, and the frustration goes."
                ),
                replies=(
                    DemoComment(
                        name="Kamran Quliyev",
                        email="kamran.q@example.com",
                        hours_later=12,
                        body="That makes sense. I think I would be the frustrated one.",
                    ),
                ),
            ),
        ),
    ),
    DemoComment(
        name="Gor Hakobyan",
        email="gor.h@example.org",
        hours_later=20,
        body=(
            "I took part in a similar circle years ago and still think about it. "
            "Could I have the facilitation guide in English?"
        ),
        replies=(
            DemoComment(
                name="Leyla Hüseynova",
                email="leyla@example.org",
                hours_later=8,
                body="Of course. It is on its way to your inbox.",
            ),
        ),
    ),
    DemoComment(
        name="Orxan Babayev",
        email="orxan.b@example.com",
        hours_later=50,
        body=(
            "A fair question, I hope: can circles reach people who do not already "
            "want to talk? The ones who come are probably the easy ones."
        ),
        replies=(
            DemoComment(
                name="Lusine Grigoryan",
                email="lusine.g@example.org",
                hours_later=6,
                body=(
                    "Not everyone who comes is easy. My uncle went because my aunt "
                    "made him, and he was the one who asked for a fourth session."
                ),
            ),
            DemoComment(
                name="Leyla Hüseynova",
                email="leyla@example.org",
                hours_later=10,
                body=(
                    "It is a fair question. Circles reach the willing first; the "
                    "willing then bring their sceptical relatives, as Lusine says."
                ),
            ),
        ),
    ),
)

KEYS_COMMENTS = (
    DemoComment(
        name="Davit Melikyan",
        email="davit.m@example.org",
        hours_later=4,
        body=(
            "My grandfather kept a key too, on a nail by the door, for thirty years. "
            "We never asked him about it. Now I wish we had."
        ),
        replies=(
            DemoComment(
                name="Nərgiz İsmayılova",
                email="nargiz.i@example.com",
                hours_later=7,
                body=(
                    "So did my grandmother, in a sewing box. Reading this, I felt for "
                    "the first time that our families had something in common."
                ),
                replies=(
                    DemoComment(
                        name="Davit Melikyan",
                        email="davit.m@example.org",
                        hours_later=15,
                        body="Thank you for writing that. It means more than you know.",
                    ),
                ),
            ),
        ),
    ),
    DemoComment(
        name="Giorgi Abashidze",
        email="giorgi.a@example.com",
        hours_later=40,
        body="Will the archive be open to researchers, or only to the families?",
        replies=(
            DemoComment(
                name="Anahit Petrosyan",
                email="anahit@example.org",
                hours_later=11,
                body=(
                    "Both, in the end: each speaker decides. Most recordings will be "
                    "open to researchers, and some only to the family."
                ),
            ),
            DemoComment(
                name="Emil Nəsirov",
                email="emil.n@example.org",
                hours_later=30,
                body=(
                    "Could researchers from abroad apply too? I work on displacement "
                    "and memory and would be glad to help with transcription."
                ),
                is_pending=True,
            ),
        ),
    ),
)

TEACHERS_COMMENTS = (
    DemoComment(
        name="Səbinə Əliyeva",
        email="sabina.a@example.org",
        hours_later=5,
        body=(
            "I teach history in Gəncə and took part. The textbook exercise was "
            "uncomfortable for about ten minutes and then the best hour of the year."
        ),
        replies=(
            DemoComment(
                name="Nino Beridze",
                email="nino@example.org",
                hours_later=3,
                body="Thank you, Səbinə. Your class's letters arrived in Kutaisi last week!",
            ),
        ),
    ),
    DemoComment(
        name="Peter Hoffmann",
        email="p.hoffmann@example.com",
        hours_later=28,
        body=(
            "Teachers on both sides of the Rhine did something similar decades ago. "
            "It took years, and it began exactly like this: with single pages."
        ),
    ),
)

GRANTS_COMMENTS = (
    DemoComment(
        name="Rəşad Məmmədli",
        email="rashad.m@example.com",
        hours_later=6,
        body="I crossed that footbridge as a child, long before it was repaired. Thank you.",
    ),
    DemoComment(
        name="Levan Tsiklauri",
        email="levan.t@example.com",
        hours_later=52,
        body=(
            "Will the joint call accept groups that have not worked together yet, "
            "or do we need a partner before we apply?"
        ),
        is_pending=True,
    ),
)
