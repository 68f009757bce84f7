"""Bodies of the demo posts, written for this project. They are apart from the metadata
in demo_content.py so that each module stays short enough to read."""

RIVER_BODY = """\
<p>The Kura does not ask for a visa. It rises in the highlands of north-eastern Türkiye, crosses
Georgia, runs the length of Azerbaijan and reaches the Caspian Sea carrying whatever it has met on
the way: snowmelt, silt, fertiliser from the fields and, in a dry August, very little water at all.
Everyone who lives along it depends on it, and almost nobody who lives along it has seen the whole
of it.</p>
<p>For the last two years our environment programme has run a small project we call the River
Notebook. Secondary school groups in four towns along the Kura and its tributaries take the same
simple measurements once a month: water temperature, clarity, a handful of chemical test strips and
a count of the small creatures living under the stones. They write the numbers in a shared
notebook, first on paper and now in a spreadsheet that every group can read.</p>
<h2>Why start with measurements</h2>
<p>Conversations about water in our region can become heated very quickly. Water is about harvests
and electricity, about who is upstream and who is downstream, and about old grievances that have
little to do with rivers. When we began, a hydrologist friend advised us to start not with opinions
but with numbers, and to let the numbers belong to everyone.</p>
<p>There is something disarming about a thermometer. A fifteen-year-old in a Georgian town and a
fifteen-year-old in an Azerbaijani village who have both stood in cold water at seven in the
morning have more in common than either of them expected. When their readings disagree, the
question is not “who got it wrong?” but “what happened between your stretch of river and mine?”
That is a question two people can answer together.</p>
<blockquote class="pull-quote">When the readings disagree, the question is not who got it wrong,
but what happened to the river between your town and mine.</blockquote>
<h2>What the students found</h2>
<p>The results are modest, and we want to be careful not to overstate them. School test kits are
not laboratory instruments. Still, over twenty-four months several patterns appeared that the
groups were able to explain to their own town councils:</p>
<ul>
<li>Clarity drops sharply after heavy spring rain, and the drop arrives downstream about two days
later, which the students could follow by comparing dates.</li>
<li>Nitrate readings rise in early summer near irrigated fields and fall again by autumn.</li>
<li>The stretch below one small town improved noticeably after a broken sewage pipe was repaired,
something the local group had reported to the municipality themselves.</li>
<li>Mayfly and caddisfly larvae, which need clean water, were most plentiful in the two mountain
tributaries and scarcest near the largest town.</li>
</ul>
<p>None of this will surprise a specialist. What surprised us was how the findings were received. A
report from a foreign expert is easy to ignore; a report from your neighbours' children, with their
names on it and the mud still on their boots, is not.</p>
<h2>The exchange visit</h2>
<p>Last autumn twelve students from the four groups spent five days together. They walked a section
of the river, repeated each other's measurements, and discovered that two groups had been reading
the same test strip differently for a whole year. Sorting out that small disagreement took an
afternoon and a great deal of laughter, and it did more for the friendship between the groups than
any icebreaker we could have designed.</p>
<p>In the evenings the conversations drifted, as they always do, away from the river. Students
asked each other about exams, music, and what their grandparents remembered about the years when
there were no border posts on the road. One participant wrote in her diary, which she later shared
with us:</p>
<blockquote>I thought the others would be very different from us. They complain about the same
school rules and worry about the same university exams. The river is the same river.</blockquote>
<h3>What we would do differently</h3>
<p>We underestimated translation. Measurements travel easily between languages; the reasons behind
them do not. In the second year we added a simple glossary in Azerbaijani, Georgian, Russian and
English, written by the students themselves, and it became one of the most-used pages of the
notebook.</p>
<p>We also learned to involve teachers earlier. The project thrived in towns where a teacher
treated it as part of the curriculum, and struggled where it depended on the enthusiasm of a single
student, however talented.</p>
<h2>Beyond the classroom</h2>
<p>Water cooperation between states is negotiated by ministries, and rightly so. But agreements are
easier to keep when the people living along a river already share a habit of looking at it
together. A shared dataset, however small, is a form of shared attention. It says: <em>this river
is ours to understand</em>, not only yours or mine to defend.</p>
<p>If you would like to know more about the river itself, the <a
href="https://en.wikipedia.org/wiki/Kura_(Caspian_Sea)">overview of the Kura basin</a> is a good
place to begin. If you teach in a town along the Kura or the Aras and would like your class to join
the notebook next year, write to us. The test kits are cheap. The early mornings are free.</p>
"""

SHEKI_BODY = """\
<p>The first thing the participants learned in Şəki was that nobody leaves the table while the tea
is still hot. The second was that the tea is always still hot.</p>
<p>In June we hosted twenty-two young people, aged eighteen to twenty-five, from Azerbaijan,
Georgia and several European countries for a week in the old caravan town of <a
href="https://en.wikipedia.org/wiki/Shaki,_Azerbaijan">Şəki</a>, in the foothills of the Greater
Caucasus. The theme on paper was “shared heritage and local futures”. In practice it was a week of
walking, cooking, arguing politely and learning how much a conversation changes when it happens
over a glass of tea instead of across a conference table.</p>
<h2>A programme built around the town</h2>
<p>We deliberately kept the number of lectures small. Each morning began with a short session led
by a local guest: a silk weaver, a restorer who works on painted interiors, a retired schoolteacher
who has kept a diary of the town for forty years. Afternoons were for work in small groups, and
evenings were free, which in Şəki means they were spent in someone's courtyard.</p>
<p>Each group had one task: to find something in the town that connects it to a place beyond its
borders, and to tell that story in ten minutes. The results included:</p>
<ol>
<li>a map of the old caravan routes, drawn from memory by a shopkeeper whose family has sold sweets
on the same street for generations;</li>
<li>a recording of a lullaby that one participant's grandmother in Kakheti also sings, with
different words;</li>
<li>a short film about the walnut trees the town's children have climbed for centuries, and about
the same trees on the other side of the mountains.</li>
</ol>
<blockquote class="pull-quote">A conversation changes when it happens over a glass of tea instead
of across a conference table.</blockquote>
<h2>The difficult evening</h2>
<p>Not every conversation was easy. On the fourth evening a discussion about history turned sharp.
Two participants had grown up with very different accounts of the same events, and each heard the
other's version as a personal injury. For a few minutes the room went silent in the way every
facilitator dreads.</p>
<p>What helped was not a clever technique. It was the agreement the group had made on the first
day: <strong>speak from your own experience, and let others finish</strong>. One of the two said,
slowly, that she was not asking anyone to agree with her, only to know that this was what her
family had lived through. The other said he could hear that. Neither changed their view of history
that night. Both came to breakfast the next morning and sat at the same table.</p>
<h3>What the participants took home</h3>
<p>In the final evaluation we asked one open question: what will you do differently? The answers
were more concrete than we expected. Several participants planned to host a smaller version of the
week in their own towns. One decided to study the history of the silk trade at university. Many
simply wrote that they would be slower to believe what they read about their neighbours.</p>
<p>We will be back in Şəki next summer. If you are a young person from the region and this sounds
like your kind of week, keep an eye on this blog for the call for participants. Bring a good pair
of shoes. The tea will be provided.</p>
"""

CIRCLES_BODY = """\
<p>People often ask us what actually happens in a dialogue circle. The honest answer is: less than
you might think, and more slowly. There are no debates, no votes and no conclusions to sign. There
are eight to twelve people, two facilitators, a few agreements and a great deal of listening. This
post describes how we run our circles and why, for anyone who is curious or thinking of starting
one.</p>
<h2>Who comes</h2>
<p>Our circles bring together people who would not normally spend an afternoon in the same room:
students and pensioners, people from the capital and from small towns, people who were displaced by
the conflicts of the 1990s and people who grew up long after them. Sometimes the group includes
participants from neighbouring countries; more often it brings together people from different parts
of one society who have learned to see each other through headlines.</p>
<p>We invite through partner organisations, schools and word of mouth, never through open calls on
social media. A circle depends on trust, and trust starts with knowing who else will be there and
who invited you.</p>
<h2>The agreements</h2>
<p>Every circle begins by agreeing on a few simple rules. We propose them, and the group adds or
changes what it needs. The usual list is short:</p>
<ul>
<li><strong>Speak for yourself.</strong> Say “I” rather than “we” or “they”. Nobody in the room
represents a nation.</li>
<li><strong>One voice at a time.</strong> A small object, often a stone from a river, goes round
the circle, and only the person holding it speaks.</li>
<li><strong>What is said here stays here.</strong> Stories leave the room only without names, and
only with permission.</li>
<li><strong>You may pass.</strong> Silence is always allowed.</li>
<li><strong>Curiosity before judgement.</strong> Ask a question before you reach a conclusion.</li>
</ul>
<p>These agreements look almost childishly simple on paper. In a room where people carry real
grief, they are the difference between a conversation and a confrontation.</p>
<h2>The rounds</h2>
<p>A circle meets for three sessions of about two and a half hours, usually a week apart. Each
session moves through a few rounds, and each round has a single question that everyone answers in
turn. The questions move gradually from the easy to the hard:</p>
<ol>
<li>Tell us about a place you love, and why.</li>
<li>Describe a moment when you felt you belonged somewhere.</li>
<li>When did you first learn that there was a conflict, and who told you about it?</li>
<li>What is something about your own side that you find hard to say out loud?</li>
<li>What would you want the people on the other side to understand about you?</li>
</ol>
<p>Nobody responds to anyone else's answer during a round. We learned this the hard way. Early on
we allowed replies, and the circle quickly turned into a series of small arguments in which each
speaker was preparing a reply instead of hearing the person talking. Once we stopped replies,
people began to listen, because there was nothing else to do.</p>
<blockquote class="pull-quote">Once people could no longer reply, they began to listen, because
there was nothing else to do.</blockquote>
<h2>The role of the facilitators</h2>
<p>Our facilitators are trained volunteers, and we always pair people with different backgrounds.
Their job is not to teach, correct or reassure. It is to hold the agreements, keep time and notice
who has not spoken yet. A good facilitator says very little. When they do speak, it is usually to
slow things down: “Let's take a breath before the next person,” or “Would you like to say more
about that?”</p>
<p>The hardest moment for a facilitator is when a participant says something that is factually
wrong, or hurtful, or both. The temptation is to step in and fix it. Usually we do not. Instead, we
trust the next rounds to do their work. It is remarkable how often a participant returns to
something they said the week before, unprompted, because they heard another person's story in the
meantime.</p>
<h3>When we do step in</h3>
<p>There are limits. We stop the conversation if someone is insulted directly, if someone becomes
visibly distressed, or if the group starts to turn on one person. In those moments we pause the
round, speak to people individually if needed, and return to the agreements. This happens less
often than you might imagine, perhaps once in every four or five circles.</p>
<h2>What changes, and what does not</h2>
<p>We are careful not to promise too much. A dialogue circle does not resolve a conflict, and it
should not pretend to. Participants rarely change their political positions. What does change,
according to our follow-up conversations months later, is more personal and perhaps more
durable:</p>
<ul>
<li>People describe “the other side” with specific, human details: a name, a family, a story about
a grandmother's garden.</li>
<li>They are more likely to question a news story that presents a whole people as a single, hostile
actor.</li>
<li>Many stay in touch with at least one person from the circle, and some go on to run circles of
their own.</li>
</ul>
<p>One participant, a retired engineer who had been sceptical from the start, put it this way at
the end of his third session:</p>
<blockquote>I came to explain my position. I leave with the same position and three new people I
would invite to my house. I do not know yet what that means, but it is not nothing.</blockquote>
<h2>Starting your own</h2>
<p>You do not need an organisation to run a dialogue circle, but you do need preparation. Find a
co-facilitator whose background differs from yours. Agree in advance on what you will do if things
go wrong. Choose a quiet, neutral place with chairs in a circle and no table in the middle. Keep
the group small. Above all, be patient: the first session often feels awkward and slow, and that is
exactly how it should feel.</p>
<p>Our facilitation guide is available in Azerbaijani, Russian and English, free of charge, to
anyone who asks. If you would like a copy, or would like to take part in the next circle in Baku or
Gəncə, write to us at <a href="mailto:dialogue@example.org">dialogue@example.org</a>. We will
answer slowly and carefully, as is our habit.</p>
"""

KEYS_BODY = """\
<p><em>A guest post by Anahit Petrosyan, a researcher who has spent the last decade recording the
memories of people displaced by conflict in the South Caucasus. The views are her own.</em></p>
<p>In almost every interview there is a moment when the person I am talking to stands up, leaves
the room and comes back with something in their hand. Very often it is a key.</p>
<p>The key opens a door that may no longer exist. The house it belonged to may have other owners,
or no roof, or may have been gone for thirty years. But the key was kept: in a drawer, in a biscuit
tin, in the pocket of a coat nobody wears any more. I have seen keys like this in the hands of
Armenians, Azerbaijanis, Georgians and others. Sometimes I think the keys would understand each
other better than the people who keep them.</p>
<h2>Why oral history</h2>
<p>The official histories of our region tend to be written in the language of territory and armies.
They describe lines on maps. Oral history begins somewhere else: with the smell of a bakery, the
name of a neighbour, the route a child took to school. These memories do not settle arguments about
the past, and they are not meant to. They remind us that every line on a map ran through someone's
kitchen.</p>
<p>I started recording interviews because my own grandmother's stories were slipping away and
nobody was writing them down. Over the years the project grew to include people from many
communities, because it became clear to me that the experience of losing a home does not belong to
any one people.</p>
<blockquote class="pull-quote">Every line on a map ran through someone's kitchen.</blockquote>
<h2>How an interview works</h2>
<p>An oral history interview is not a journalist's interview. I am not looking for a quote or a
headline; I try to let the person lead. A conversation usually lasts two or three hours and often
needs a second visit. I follow a few principles, learned from older colleagues and from my own
mistakes:</p>
<ul>
<li><strong>Begin with childhood, not with the conflict.</strong> People need to feel at home in
their memories before they can visit the painful ones.</li>
<li><strong>Ask about ordinary things:</strong> food, work, holidays, neighbours. The extraordinary
arrives by itself.</li>
<li><strong>Never argue with a memory.</strong> A memory may be wrong about dates and still be true
about experience.</li>
<li><strong>Give the recording back.</strong> Every speaker receives a copy and decides what may be
published.</li>
</ul>
<h2>The neighbours in the stories</h2>
<p>What moves me most, after all these years, is how often the “other side” appears in these
stories as neighbours. An Azerbaijani woman in her eighties described the Armenian family next door
who looked after her children when she was ill. An Armenian man remembered the Azerbaijani
shoemaker who mended his school shoes for nothing because his father was away. A Georgian teacher
recalled the mixed classroom in which she learned to count in three languages.</p>
<p>These stories are not told to deny what came later. The same people also describe fear, violence
and betrayal, and I would not want to soften any of that. But they hold both at once: the neighbour
who helped and the catastrophe that followed. In my experience, ordinary people are often better at
holding that complexity than the histories written in their name.</p>
<h3>Listening across a border</h3>
<p>Last year, with the foundation's support, we held a small listening session in Tbilisi. We
played short, anonymised excerpts from interviews recorded in different countries to a mixed group
of young people and asked them to guess where each speaker came from. Most of the time they could
not. The details of loss, of the last look back at a house, of the first winter somewhere new, were
simply too alike.</p>
<blockquote>I was sure the woman talking about her apricot trees was from my village. She was from
the other side of the mountains. She described the same trees.</blockquote>
<h2>What an archive is for</h2>
<p>I am sometimes asked whether collecting these memories keeps old wounds open. I understand the
worry. But silence does not heal a wound; it only hides it. An archive of ordinary memories gives
future generations something that propaganda cannot: the voices of people who lived side by side,
in their own words, with all their contradictions.</p>
<p>If someone in your family has a story like this and would like it recorded, please get in touch
through the foundation. And if you have a key in a drawer somewhere, I would very much like to hear
which door it opens.</p>
"""

TEACHERS_BODY = """\
<p>What does a history teacher in Gəncə have in common with a history teacher in Gyumri or Kutaisi?
Quite a lot, it turns out, starting with the photocopier that never works on the morning you need
it.</p>
<p>In late spring we brought eighteen secondary school teachers from Azerbaijan, Armenia and
Georgia to <a href="https://en.wikipedia.org/wiki/Tbilisi">Tbilisi</a> for a three-day workshop on
teaching about neighbours. Tbilisi has long been a meeting point for the region, and it was the one
city everyone could reach without complications. Six teachers came from each country, most of them
from smaller cities rather than the capitals.</p>
<h2>Comparing textbooks, gently</h2>
<p>We began with an exercise that sounds risky and turned out to be the most productive part of the
workshop. Each teacher brought a page from a textbook they use that mentions one of the
neighbouring countries. In mixed groups, they translated the pages for each other and discussed a
single question: <em>what would a student from the other country feel reading this?</em></p>
<p>Nobody was asked to defend or criticise their own textbook. The teachers were remarkably honest
anyway. Several pointed to passages in their own books that they had never noticed until they
imagined a child from across the border reading them. Others found that the neighbour was simply
absent: mentioned only in wars and treaties, never in art, trade or daily life.</p>
<blockquote class="pull-quote">What would a student from the other country feel reading this
page?</blockquote>
<h2>Small changes a teacher can make</h2>
<p>Teachers do not write the curriculum, and nobody pretended it could be rewritten in a weekend.
The second day focused instead on what can be done inside a classroom with the material at hand.
The groups collected ideas, and each teacher agreed to try at least one of them next term:</p>
<ul>
<li>Adding a primary source from a neighbouring country, such as a letter, a recipe or a song, to a
lesson that otherwise shows only one perspective.</li>
<li>Asking students to find a word their language shares with a neighbour's, and to trace where it
came from.</li>
<li>Inviting a grandparent to talk about the neighbours they knew when they were young.</li>
<li>Setting an essay that begins “Imagine you are a student in…” rather than “Explain why…”.</li>
</ul>
<h3>Staying in touch</h3>
<p>On the last evening the teachers set up a shared group to exchange materials, and at the time of
writing it is still busy. Two schools have started exchanging letters between classes, written in
English, which the students are learning anyway. It is a modest beginning. But a teacher reaches
around a hundred and fifty students a year, and eighteen teachers reach a small town.</p>
<p>The next workshop is planned for the autumn. If you teach history, geography or literature in
the region and would like to join, please contact us.</p>
"""

GRANTS_BODY = """\
<p>Five years ago the foundation made its first small grant: a few hundred manat to a group of
parents in a village near Qəbələ who wanted to repair the footbridge their children used to reach
school. Since then we have supported more than sixty community projects across Azerbaijan and, with
partners, in Georgia. Most of them were small. Looking back, that turned out to be their
strength.</p>
<h2>One bridge, many meetings</h2>
<p>The footbridge is still there. The parents who rebuilt it went on to form a village association,
which has since organised a summer reading club, a clean-up of the stream and, last year, a
football tournament with the village on the other side of the valley. None of that was in the
original application. When we asked the chair of the association what the grant had really paid
for, she thought for a moment and said: “It paid for the first time we all sat down at the same
table and had to agree on something.”</p>
<h2>What we learned</h2>
<p>This spring we read through every final report and spoke again with many of the groups. A few
lessons came up again and again:</p>
<ol>
<li><strong>Small amounts invite ownership.</strong> When a grant covers materials but not labour,
the community supplies the work, and the result belongs to them.</li>
<li><strong>Mixed teams last longer.</strong> Projects run by people of different ages, backgrounds
or villages were more likely to be going a year later.</li>
<li><strong>The second project matters more than the first.</strong> Groups that applied again had
learned to plan, budget and report, and they began mentoring newcomers.</li>
<li><strong>Reporting should be easy.</strong> We replaced our long report form with a conversation
and a few photographs, and we learned more.</li>
</ol>
<blockquote class="pull-quote">A footbridge is a very good place for neighbours to
meet.</blockquote>
<h2>Where peace comes in</h2>
<p>It is fair to ask what a footbridge or a community garden has to do with peace-building. Our
answer is that peace is not only negotiated; it is practised, in small habits of cooperation
between people who might otherwise never work together. A village that has agreed on a budget for a
bridge has learned something about disagreement, compromise and trust.</p>
<p>This year the programme opens to joint applications from groups on both sides of the
Azerbaijani–Georgian border. The call will be published here next month, with new and shorter
guidelines. Applications may be written in Azerbaijani, Georgian, Russian or English. Questions are
welcome before then at <a href="mailto:grants@example.org">grants@example.org</a>.</p>
"""

NURSERY_BODY = """\
<p>The Alazani, known in Azerbaijan as the Qanıx, runs for part of its length along the border
between Georgia and Azerbaijan. Its banks were once lined with floodplain forest: poplars, willows,
oaks and wild fruit trees. Much of that forest was cut during the last century, and with it went
the roots that held the riverbanks together in the spring floods.</p>
<p>This autumn we hope to start a small tree nursery with two farming communities, one on each side
of the valley. The idea is simple. Each community grows saplings of native trees from locally
collected seed, and every spring the two groups exchange part of their stock, so that the trees
planted on one bank will have grown up on the other.</p>
<h2>Why a nursery</h2>
<p>Tree-planting campaigns often fail quietly. Saplings arrive from distant nurseries, are planted
with ceremony and die in the first dry summer, because nobody was responsible for watering them. A
local nursery changes that. The people who collect the seed and tend the seedlings know which
species survive in their soil, and they have a reason to care about every tree that leaves their
beds.</p>
<p>The year we have in mind looks like this:</p>
<ul>
<li>seed collection in September and October, led by older farmers who know where the best trees
still stand;</li>
<li>sowing and winter care, with volunteers from the local schools;</li>
<li>an exchange day in March, held in each community in turn;</li>
<li>planting along the most eroded stretches of bank, chosen together with the local
authorities.</li>
</ul>
<blockquote class="pull-quote">The trees planted on one bank will have grown up on the
other.</blockquote>
<h2>Why across the valley</h2>
<p>It would be simpler to run two separate nurseries, and cheaper too. But a river does not care
which bank a tree stands on: erosion upstream on one side sends silt and flood water down both. The
farmers we spoke to understood this at once. Several of them still remember buying seedlings from
each other's villages before the roads were closed, and one told us the name of the man across the
river from whom his father bought his first walnut tree.</p>
<h2>What we still need</h2>
<p>We are looking for a forestry adviser who can visit a few times a year, and for a small plot of
irrigated land on the Georgian side. If you can help with either, please write to us. The <a
href="https://en.wikipedia.org/wiki/Alazani">Alazani</a> has waited a long time for its trees;
<strong>it can wait one more season</strong> while both communities agree on the plan, which we
will publish here in full.</p>
"""

RECIPES_BODY = """\
<p><em>A guest post by Anahit Petrosyan, the second in her series on oral history for this
blog.</em></p>
<p>When I began recording oral histories, I asked people about their homes, their streets and their
neighbours. It took me several years to notice that the longest and happiest parts of almost every
interview were about food.</p>
<p>People who hesitate for minutes before describing the day they left their town will talk without
pause about how their mother folded dolma, which neighbour made the best gata, or why the bread
from one particular oven tasted different. Food is memory that lives in the hands. It survives
moves, borders and decades, and it is passed on without anyone deciding to pass it on.</p>
<h2>A recipe is a map</h2>
<p>Many dishes of the South Caucasus are shared, argued over and claimed by more than one country.
Anyone who has sat at a family table in the region knows that the argument about whose version is
the original can last longer than the meal. In interviews, though, the argument nearly disappears.
People remember learning a dish from a neighbour, from a mother-in-law from another town, from a
soldier's wife who came from far away. A recipe turns out to be a map of the people someone has
known.</p>
<blockquote class="pull-quote">Food is memory that lives in the hands.</blockquote>
<h2>The project</h2>
<p>Over the next year, with the foundation's support, I will record conversations with older cooks
in several towns across the region. Each recording will be made in a kitchen while a dish is being
prepared, because people remember better when their hands are busy. We will ask:</p>
<ul>
<li>who taught them the dish, and where;</li>
<li>what it was cooked for: holidays, mourning, guests, ordinary days;</li>
<li>what has changed in the recipe, and why;</li>
<li>who they would most like to cook it for today.</li>
</ul>
<p>The last question is the one I am most curious about. In trial interviews it has drawn some of
the most moving answers I have heard, often naming a neighbour the speaker has not seen in thirty
years.</p>
<h3>What will come of it</h3>
<p>The recordings will join the rest of the oral history archive, with the speakers' permission. We
also hope to publish a small illustrated book in three languages, with each recipe printed beside
the story of the person who shared it. The recipes will not be “national” recipes. <strong>They
will belong to people.</strong></p>
<p>If you know someone who should be part of this, perhaps a grandmother who still cooks for the
whole street, please write to the foundation. I will bring a recorder and an appetite.</p>
"""
