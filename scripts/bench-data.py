#!/usr/bin/env python3
"""Writes a synthetic pln journal as JSONL (pln's import format), for scripts/bench.

    scripts/bench-data.py --entries 100000 --out /tmp/entries.jsonl [--seed 1] [--stats stats.json]
    scripts/bench-data.py --bookmarks 100000 --out /tmp/bookmarks.csv [--seed 1] [--stats stats.json]
    scripts/bench-data.py --mastodon 100000 --out /tmp/outbox.json [--seed 1] [--stats stats.json]
    scripts/bench-data.py --tweets 100000 --out /tmp/twitter.zip [--seed 1] [--stats stats.json]

The journal reads like a teacher's: 1-4 sentences an entry, 0-4 tags from a pool of ~300 drawn
with a Zipf-like distribution ("ell" is the second most common), 0-2 people from ~2,000 handles,
0-1 sources from ~5,000 keys (some with a locator such as "p. 38"), some bare URLs, ~5% starred,
dates over 8 years before 2026-11-29 with UTC offsets (mostly +01:00/+02:00, some travel).
About 1% of bodies hold the phrase "formative assessment"; no other body holds the two words
next to each other. The output is the same for the same --entries and --seed.

The file starts with one "record":"person" line per person and one "record":"source" line per
source (like `pln export`), then the entries, oldest first. --stats writes a JSON object with
counts the benchmark uses to check pln's answers (entries with tag ell, with the rare tag, with
the phrase, ...). Python 3 standard library only.

With --bookmarks instead of --entries it writes a bookmarks CSV for the Lua importer in
examples/bookmarks-importer.lua: a header line title,url,tags,note,added and one row a bookmark
(RFC 4180 quoting, LF line ends). Every URL is different; titles sometimes hold commas or
double quotes; 0-3 tags from the same pool, separated by ";" or a space; a note in ~80% of
rows; added is an ISO 8601 time with a UTC offset over the same 8 years, oldest first, and
empty in ~0.5% of rows. --stats then writes the row count and the tag links.

With --tweets it writes a Twitter archive zip for the bundled twitter importer: data/account.js
(owner "ms_teacher") and data/tweets.js, pretty-printed with " : " separators and every number a
string, as Twitter writes them, newest tweet first. ~15% are retweets ("RT @user: ..."), ~10%
replies to one of the owner's earlier tweets, ~3% media-only (skipped by the importer); 0-3
hashtags, 0-2 mentions and 0-1 t.co links a tweet, entities such as &amp;, emoji and newlines.
--stats then writes the counts the benchmark checks (entries, skipped, retweets, replies).

With --mastodon it writes a Mastodon archive's outbox.json for the bundled mastodon importer:
compact JSON-LD as Mastodon writes it, oldest first; ~90% Create activities holding a Note whose
content is HTML (1-3 sentences in <p>s, 0-3 hashtag anchors with their Hashtag tags, 0-2 h-card
mentions with their Mention tags, a link split into invisible/ellipsis spans in ~30%, entities),
~10% Announce (boosts of a status URI), ~5% replies to an earlier own post, mixed visibility.
--stats then writes the activity count and the tag links.
"""

import argparse
import bisect
import csv
import datetime as dt
import itertools
import json
from json.encoder import encode_basestring
import random
import sys
import time
import uuid

END = dt.date(2026, 11, 29)  # the day scripts/bench pins PLN_NOW to; entries are before it
YEARS = 8
PHRASE = "formative assessment"
COMMON_TAG = "ell"
RARE_TAG = "origami"  # the last, least frequent tag of the pool

# --- word pools ---------------------------------------------------------------------------

FIRST = """jane maria marco ana li wei sam alex chris pat kim lee noor omar fatima aisha yusuf
ben tom anna lena sofia lucas mateo chloe emma olivia liam noah ava mia zoe ella grace ruth
david sarah rachel hannah james john paul peter mark luke nina ivan olga dmitri katya hiro yuki
kenji aiko min jun seo priya ravi arjun deepa kofi ama kwame ngozi tunde zara leila hassan
carmen diego lucia pablo rosa jorge ines tiago joao beatriz ines marta karl greta lars ingrid
sven freya niamh sean aoife ciaran fiona rhys owen megan carys ewan isla""".split()
LAST = """doe smith jones brown garcia martinez lopez nguyen tran kim park chen wang li zhang
patel shah singh khan ali okafor mensah adeyemi mueller schmidt fischer weber becker rossi
bianchi romano silva santos costa ferreira dubois martin bernard moreau laurent novak horvat
kowalski nowak ivanova petrov johansson andersson nielsen hansen murphy kelly byrne walsh evans
davies hughes price taylor wilson clark lewis walker hall young allen wright scott green baker
adams nelson hill campbell mitchell roberts carter phillips turner parker collins edwards stewart
morris rogers reed cook morgan bell cooper ward cox diaz richardson wood watson brooks bennett gray
james reyes cruz hughes myers ford hamilton graham sullivan wallace west cole hayes gibson""".split()
INSTANCES = ["mastodon.social", "mastodon.online", "fosstodon.org", "hachyderm.io", "sfba.social",
             "eduvoices.social", "mstdn.ca", "mas.to"]

# Tags, the most common first (Zipf weights follow this order). "ell" is second.
TAGS_HEAD = """assessment ell reading writing feedback vocabulary speaking differentiation
classroom-management questioning scaffolding grammar listening behaviour exit-tickets
groupwork homework planning reflection parents literacy phonics oracy motivation retrieval-practice
metacognition sen inclusion pastoral wellbeing edtech ai marking rubrics peer-assessment
self-assessment modelling worked-examples cognitive-load spaced-practice interleaving
dual-coding think-pair-share cold-calling wait-time mini-whiteboards low-stakes-quizzes
sentence-frames graphic-organisers jigsaw debate drama poetry novels non-fiction essay-writing
paragraphing spelling punctuation handwriting fluency comprehension inference summarising
annotation discussion socratic-seminar project-based-learning inquiry stem science maths
numeracy fractions algebra geometry statistics history geography civics art music pe computing
coding robotics languages french spanish german mandarin arabic ukrainian newcomers eal
translanguaging home-language bilingual cpd coaching mentoring observation lesson-study research
twitter mastodon ellchat edchat ukedchat aussieed pln conferences researched podcasts books
articles webinars workshops curriculum sequencing knowledge-organisers assessment-for-learning
data reports moderation exams revision mocks gcse a-level ib sats transition year7 year8 year9
year10 year11 sixth-form primary secondary tutor-time attendance safeguarding restorative
routines seating-plans praise sanctions rewards homework-clubs library oracy-week book-club
trips outdoor-learning field-work labs practicals safety equipment displays classroom-layout
technology chromebooks ipads google-classroom teams moodle padlet kahoot quizlet desmos
geogebra canva flipgrid seesaw scratch python microbit minecraft photography film
media-literacy critical-thinking creativity collaboration communication resilience growth-mindset
character oracy-frames talk-moves accountable-talk visible-thinking thinking-routines
questioning-stems hinge-questions plenaries starters do-now retrieval-grids brain-dumps
flashcards self-quizzing knowledge-retrieval feedback-codes whole-class-feedback live-marking
verbal-feedback dialogic-teaching direct-instruction explicit-instruction i-do-we-do-you-do
guided-practice independent-practice checking-understanding responsive-teaching adaptive-teaching
tiered-vocabulary word-walls etymology morphology academic-language disciplinary-literacy
reading-aloud echo-reading choral-reading fluency-reading decodable-books reading-ages
phonics-screening spelling-tests grammar-drills sentence-combining slow-writing
writing-frames model-texts shared-writing editing redrafting portfolios conferences-1to1
student-voice surveys behaviour-data workload wellbeing-staff union timetabling cover
supply training induction ect nqt trainee placements pgce subject-knowledge pedagogy
assessment-design question-design multiple-choice distractors validity reliability
comparative-judgement grading standards exemplars moderation-meetings parents-evening
reports-writing emails newsletters open-evening""".split()
TAGS_TAIL = """calligraphy chess gardening beekeeping astronomy knitting pottery juggling
sign-language braille morse-code haiku origami""".split()


def build_tags():
    seen, tags = set(), []
    for t in TAGS_HEAD + TAGS_TAIL:
        if t not in seen:
            seen.add(t)
            tags.append(t)
    return tags


# Sentence templates and fillers: teacher-journal English.
STRATEGIES = ["think-pair-share", "exit tickets", "cold calling", "mini-whiteboards",
              "sentence frames", "a jigsaw activity", "retrieval quizzes", "a gallery walk",
              "worked examples", "a Frayer model", "word walls", "graphic organisers",
              "hinge questions", "a do-now task", "choral reading", "peer feedback",
              "whole-class feedback", "live marking", "a silent debate", "role cards",
              "a four-corners activity", "talk moves", "visualisers", "a KWL chart",
              "reciprocal reading", "dual coding", "spaced retrieval", "a Socratic seminar",
              "low-stakes quizzes", "self-explanation prompts", "the 'I do, we do, you do' model",
              "a card sort", "sentence combining", "slow writing", "a 'because, but, so' task"]
GROUPS = ["9B", "10C", "Year 7", "Year 8", "my Year 11s", "the sixth-formers", "8R", "7Y",
          "the newcomer group", "my tutor group", "the intervention group", "11X", "12 English",
          "the Thursday class", "period 5", "the after-school club", "the top set", "set 4"]
OUTCOMES = ["quiet students spoke up", "it fell flat", "it took twice as long as planned",
            "most of them got it by the end", "the weaker readers struggled", "it worked really well",
            "behaviour was much calmer", "the discussion was richer than usual",
            "they asked better questions", "nobody finished", "it was chaos for ten minutes",
            "the newcomers joined in for the first time", "the exit tickets were mixed",
            "three students asked for more", "they remembered it a week later",
            "I talked too much again", "the timing was off", "the pace was right"]
TOPICS = ["persuasive writing", "fractions", "photosynthesis", "the causes of WW1",
          "Macbeth", "An Inspector Calls", "river landforms", "simultaneous equations",
          "the water cycle", "poetry analysis", "the French Revolution", "vocabulary tiers",
          "paragraph structure", "inference", "past tenses", "food chains", "probability",
          "the Cold War", "Of Mice and Men", "climate change", "coastal erosion",
          "linear graphs", "electric circuits", "the Industrial Revolution", "persuasive speech",
          "narrative openings", "unseen poetry", "ratio", "cells", "migration stories"]
THINGS = ["a podcast episode", "an article", "a blog post", "a book chapter", "a webinar",
          "a thread", "a talk at researchED", "a video", "a paper", "the department meeting",
          "a colleague's lesson", "a CPD session", "the ELL chat last night", "a newsletter"]
IDEAS = ["wait time", "cognitive load", "retrieval practice", "explicit vocabulary teaching",
         "checking for understanding", "oracy", "scaffolding that fades", "modelling writing",
         "feedback that moves learning on", "metacognitive talk", "routines for transitions",
         "translanguaging", "pre-teaching key words", "low-stakes testing", "dialogic teaching",
         "seating plans", "questioning stems", "reading fluency", "dual coding",
         "the curse of knowledge", "desirable difficulties", "the testing effect",
         "culturally responsive teaching", "home languages in class", "academic language"]
FEELINGS = ["tired but happy", "frustrated", "pleased", "unsure", "energised", "a bit flat",
            "proud of them", "behind on marking", "curious", "worried about the mocks"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
NONASCII = ["café", "naïve", "résumé", "Zoë", "José", "Ngozi’s", "São Paulo", "Kraków", "Müller"]

TEMPLATES = [
    "Tried {strategy} with {group} on {topic}; {outcome}.",
    "Used {strategy} again with {group}, and {outcome}.",
    "{group} and {topic} today: {outcome}.",
    "Read {thing} about {idea}.",
    "Picked up an idea about {idea} from {thing}.",
    "Want to try {strategy} for {topic} next week.",
    "Note to self: more {idea} with {group}.",
    "{weekday}: {strategy} with {group}. {outcome_cap}.",
    "Feeling {feeling} after {group}.",
    "Good chat in the staffroom about {idea}.",
    "Planning {topic} for {group}; thinking about {idea}.",
    "Key point from {thing}: {idea} matters more than I thought.",
    "Next time, model the first example and then use {strategy}.",
    "Marked the {topic} essays from {group}; {outcome}.",
    "Observed a lesson on {topic} that used {strategy} brilliantly.",
    "Asked {group} what helps them with {topic}; they said {strategy}.",
    "Must remember that {idea} takes time to embed.",
    "The formative feedback on {topic} was too vague, so I rewrote the comments.",
    "Summative tests on {topic} showed gaps in {idea}.",
    "Assessment for {group} needs a rethink after {topic}.",
    "Met a parent about {topic}; {outcome}.",
    "Shared {strategy} with the department; {outcome}.",
    "Working on {idea} with a trainee: {outcome}.",
    "A student wrote about her {nonascii} memories in the {topic} task.",
]
PHRASE_TEMPLATES = [
    "Used formative assessment with {group} on {topic}; {outcome}.",
    "Formative assessment idea from {thing}: ask one hinge question before moving on.",
    "Ran a formative assessment check with mini-whiteboards in {group}.",
    "Rethinking formative assessment for {topic} after {thing}.",
    "The formative assessment showed {group} had not got {topic} yet.",
]
URL_HOSTS = ["https://www.edutopia.org/article/", "https://www.tes.com/magazine/teaching-learning/",
             "https://educationendowmentfoundation.org.uk/news/", "https://blog.example.org/",
             "https://www.cultofpedagogy.com/", "https://www.learningscientists.org/blog/",
             "https://www.retrievalpractice.org/", "https://teacherhead.com/",
             "https://www.colorincolorado.org/article/", "https://www.youtube.com/watch?v="]
SLUGS = ["wait-time", "cold-calling", "retrieval-practice", "sentence-frames", "exit-tickets",
         "dual-coding", "cognitive-load-theory", "feedback", "ell-strategies", "oracy",
         "scaffolding", "questioning", "think-pair-share", "graphic-organizers", "vocabulary",
         "reading-fluency", "metacognition", "worked-examples", "mini-whiteboards", "jigsaw"]
LOCATORS = ["p. {n}", "p. {n}", "p. {n}", "pp. {n}-{m}", "ch. {c}", "ch. {c}", "{mm}:{ss}", "§ {c}"]
SOURCE_TYPES = ["book", "book", "article-journal", "article-journal", "webpage", "podcast",
                "video", "chapter", "report"]
TITLE_WORDS = ["Teaching", "Learning", "Reading", "Writing", "Language", "Minds", "Classroom",
               "Practice", "Thinking", "Feedback", "Assessment", "Memory", "Schools", "Students",
               "Talk", "Vocabulary", "Literacy", "Questions", "Knowledge", "Expertise"]


def zipf_cum_weights(n, s):
    total, cum = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cum.append(total)
    return cum


def make_people(rng, count=2000):
    handles, seen = [], set()
    forms = [lambda f, l: f, lambda f, l: f"{f}_{l}", lambda f, l: f"{f}.{l}",
             lambda f, l: f"{f[0]}{l}", lambda f, l: f"{f}{l}", lambda f, l: f"{f}-{l}",
             lambda f, l: f"ms{l}", lambda f, l: f"mr{l}", lambda f, l: f"{f}teaches"]
    while len(handles) < count:
        f, l = rng.choice(FIRST), rng.choice(LAST)
        h = rng.choice(forms)(f, l)
        if rng.random() < 0.12:
            h = f"{h}@{rng.choice(INSTANCES)}"
        elif rng.random() < 0.1:
            h = f"{h}{rng.randrange(1, 99)}"
        if h.lower() in seen:
            continue
        seen.add(h.lower())
        handles.append((h, f"{f.capitalize()} {l.capitalize()}"))
    return handles


def make_sources(rng, count=5000):
    keys, seen = [], set()
    while len(keys) < count:
        last = rng.choice(LAST)
        year = rng.randrange(1975, 2026)
        key = f"{last}{year}"
        for suffix in ["", "a", "b", "c", "d"]:
            if key + suffix not in seen:
                key += suffix
                break
        else:
            continue
        seen.add(key)
        keys.append((key, last, year))
    return keys


def make_urls(rng, count=1000):
    urls = set()
    while len(urls) < count:
        host = rng.choice(URL_HOSTS)
        if host.endswith("v="):
            url = host + "".join(rng.choice("abcdefghijkLMNOPQRstuvwxyz0123456789_-") for _ in range(11))
        else:
            url = host + rng.choice(SLUGS) + ("-" + str(rng.randrange(2, 500)) if rng.random() < 0.7 else "")
        urls.add(url)
    return sorted(urls)


def fill(rng, template):
    outcome = rng.choice(OUTCOMES)
    return template.format(
        strategy=rng.choice(STRATEGIES), group=rng.choice(GROUPS), topic=rng.choice(TOPICS),
        outcome=outcome, outcome_cap=outcome[0].upper() + outcome[1:], thing=rng.choice(THINGS),
        idea=rng.choice(IDEAS), feeling=rng.choice(FEELINGS), weekday=rng.choice(WEEKDAYS),
        nonascii=rng.choice(NONASCII))


def capitalise(sentence):
    return sentence[0].upper() + sentence[1:]


def write_bookmarks(args):
    """The bookmarks CSV of --bookmarks (see the module's help)."""
    n = args.bookmarks
    started = time.monotonic()
    rng = random.Random(args.seed)
    tags = build_tags()
    tag_cum = zipf_cum_weights(len(tags), 1.0)
    tag_total = tag_cum[-1]
    first_day = END - dt.timedelta(days=365 * YEARS + 2)
    span = (END - first_day).days * 86400
    start = dt.datetime(first_day.year, first_day.month, first_day.day)
    seconds = sorted(rng.randrange(span) for _ in range(n))
    hosts = URL_HOSTS
    alphabet = "abcdefghijkLMNOPQRstuvwxyz0123456789_-"
    tag_links = with_note = without_date = 0

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="", buffering=1 << 22)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["title", "url", "tags", "note", "added"])
    for i in range(n):
        words = rng.sample(TITLE_WORDS, rng.randrange(2, 5))
        r = rng.random()
        if r < 0.15:
            title = f"{' '.join(words)}, revisited"
        elif r < 0.20:
            title = f'The "{words[0].lower()}" question: {rng.choice(TOPICS)}'
        elif r < 0.60:
            title = f"{' '.join(words)}: {rng.choice(IDEAS)}"
        else:
            title = " ".join(words)
        host = rng.choice(hosts)
        if host.endswith("v="):
            url = host + "".join(rng.choice(alphabet) for _ in range(11)) + f"&i={i}"
        else:
            url = f"{host}{rng.choice(SLUGS)}-{i}" + ("/" if rng.random() < 0.3 else "")
        entry_tags = []
        for _ in range(rng.randrange(4)):
            t = tags[bisect.bisect_right(tag_cum, rng.random() * tag_total)]
            if t not in entry_tags:
                entry_tags.append(t)
        tag_links += len(entry_tags)
        note = ""
        if rng.random() < 0.8:
            note = capitalise(fill(rng, rng.choice(TEMPLATES)))
            with_note += 1
        if rng.random() < 0.005:
            added = ""
            without_date += 1
        else:
            t = start + dt.timedelta(seconds=seconds[i])
            added = t.strftime("%Y-%m-%dT%H:%M:%S") + ("+02:00" if 4 <= t.month <= 9 else "+01:00")
        w.writerow([title, url, rng.choice([";", " "]).join(entry_tags), note, added])
    if out is not sys.stdout:
        out.close()
    else:
        out.flush()
    if args.stats:
        stats = {"rows": n, "seed": args.seed, "tag_links": tag_links, "with_note": with_note,
                 "without_date": without_date, "seconds": round(time.monotonic() - started, 2)}
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1)
            f.write("\n")


def write_tweets(args):
    """The Twitter archive zip of --tweets (see the module's help)."""
    import zipfile
    n = args.tweets
    started = time.monotonic()
    rng = random.Random(args.seed)
    tags = build_tags()
    tag_cum = zipf_cum_weights(len(tags), 1.0)
    tag_total = tag_cum[-1]
    people = [(h.split("@")[0].replace(".", "_").replace("-", "_")[:15], name) for h, name in make_people(rng)]
    person_cum = zipf_cum_weights(len(people), 0.9)
    urls = make_urls(rng)
    first = dt.datetime(END.year - YEARS, END.month, END.day, tzinfo=dt.timezone.utc)
    span = YEARS * 365 * 86400
    seconds = sorted(rng.randrange(span) for _ in range(n))
    base_id = 1_000_000_000_000_000_000
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    records, stats = [], {"tweets": n, "entries": 0, "skipped": 0, "retweets": 0, "replies": 0, "seed": args.seed}
    skipped_ids = set()
    for i in range(n):
        t = first + dt.timedelta(seconds=seconds[i])
        tweet_id = str(base_id + i * 1000 + rng.randrange(1000))
        created = f"{days[t.weekday()]} {months[t.month - 1]} {t.day:02d} {t:%H:%M:%S} +0000 {t.year}"
        entities = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
        tweet = {"edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": t.isoformat(),
                                           "editsRemaining": "5", "isEditEligible": False}},
                 "retweeted": False,
                 "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
                 "entities": entities, "display_text_range": ["0", "140"],
                 "favorite_count": str(rng.randrange(20)), "id_str": tweet_id, "truncated": False,
                 "retweet_count": str(rng.randrange(5)), "id": tweet_id, "created_at": created,
                 "favorited": False, "lang": "en"}
        r = rng.random()
        if r < 0.03:
            code = f"https://t.co/m{i:08d}"
            entities["media"] = [{"expanded_url": f"https://twitter.com/ms_teacher/status/{tweet_id}/photo/1",
                                  "indices": ["0", "23"], "url": code,
                                  "media_url_https": f"https://pbs.twimg.com/media/M{i}.jpg", "type": "photo",
                                  "display_url": f"pic.twitter.com/m{i:08d}"}]
            tweet["full_text"] = code
            stats["skipped"] += 1
            skipped_ids.add(tweet_id)
            records.append({"tweet": tweet})
            continue
        text = capitalise(fill(rng, rng.choice(TEMPLATES))).replace("&", "&amp;")
        if rng.random() < 0.1:
            text += "\n\n" + capitalise(fill(rng, rng.choice(TEMPLATES)))
        for _ in range(rng.randrange(3)):
            handle, name = people[bisect.bisect_right(person_cum, rng.random() * person_cum[-1])]
            if any(m["screen_name"] == handle for m in entities["user_mentions"]):
                continue
            entities["user_mentions"].append({"name": name, "screen_name": handle, "indices": ["0", "1"],
                                              "id_str": str(hash(handle) & 0xFFFFFFF), "id": "1"})
            text += f" @{handle}"
        for _ in range(rng.randrange(4)):
            tag = tags[bisect.bisect_right(tag_cum, rng.random() * tag_total)]
            if any(h["text"].lower() == tag for h in entities["hashtags"]):
                continue
            shown = tag if rng.random() < 0.7 else tag.upper()
            entities["hashtags"].append({"text": shown, "indices": ["0", "1"]})
            text += f" #{shown}"
        if rng.random() < 0.5:
            code = f"https://t.co/{i:010d}"
            url = rng.choice(urls)
            entities["urls"].append({"url": code, "expanded_url": url, "display_url": url[8:30] + "…",
                                     "indices": ["0", "23"]})
            text += " " + code
        if rng.random() < 0.1:
            text += " 🎉"
        if r < 0.18:
            handle, name = people[rng.randrange(len(people))]
            entities["user_mentions"].insert(0, {"name": name, "screen_name": handle, "indices": ["3", "10"],
                                                 "id_str": "1", "id": "1"})
            text = f"RT @{handle}: {text}"
            stats["retweets"] += 1
        elif r < 0.28 and i > 0:
            parent = records[rng.randrange(max(0, i - 50), i)]
            parent = parent.get("tweet", parent)
            tweet.update(in_reply_to_status_id_str=parent["id_str"], in_reply_to_status_id=parent["id_str"],
                         in_reply_to_screen_name="ms_teacher", in_reply_to_user_id_str="1234567",
                         in_reply_to_user_id="1234567")
            # A reply to a media-only tweet (which the importer skips) has nothing to follow up.
            if parent["id_str"] not in skipped_ids:
                stats["replies"] += 1
        tweet["full_text"] = text
        stats["entries"] += 1
        records.append({"tweet": tweet})
    records.reverse()  # newest first, as Twitter writes them
    account = [{"account": {"email": "teacher@example.org", "createdVia": "web", "username": "ms_teacher",
                            "accountId": "1234567", "createdAt": "2015-08-01T10:00:00.000Z",
                            "accountDisplayName": "Ms Teacher"}}]
    with zipfile.ZipFile(args.out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("data/account.js", "window.YTD.account.part0 = "
                         + json.dumps(account, indent=2, separators=(",", " : "), ensure_ascii=False))
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = "
                         + json.dumps(records, indent=2, separators=(",", " : "), ensure_ascii=False))
        stats["tweets_js_bytes"] = archive.getinfo("data/tweets.js").file_size
    if args.stats:
        stats["seconds"] = round(time.monotonic() - started, 2)
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1)
            f.write("\n")


def write_mastodon(args):
    """The outbox.json of --mastodon (see the module's help)."""
    n = args.mastodon
    started = time.monotonic()
    rng = random.Random(args.seed)
    tags = build_tags()
    tag_cum = zipf_cum_weights(len(tags), 1.0)
    tag_total = tag_cum[-1]
    people = make_people(rng)
    urls = make_urls(rng)
    first_day = END - dt.timedelta(days=365 * YEARS + 2)
    span = (END - first_day).days * 86400
    start = dt.datetime(first_day.year, first_day.month, first_day.day)
    seconds = sorted(rng.randrange(span) for _ in range(n))
    me = "https://mastodon.social/users/ann"
    public = "https://www.w3.org/ns/activitystreams#Public"
    followers = me + "/followers"
    tag_links = 0
    dumps = json.dumps
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", buffering=1 << 22)
    write = out.write
    write('{"@context":["https://www.w3.org/ns/activitystreams",{"ostatus":"http://ostatus.org#",'
          '"atomUri":"ostatus:atomUri","sensitive":"as:sensitive","Hashtag":"as:Hashtag","toot":"http://joinmastodon.org/ns#"}],'
          f'"id":"outbox.json","type":"OrderedCollection","totalItems":{n},"orderedItems":[')
    own = []
    for i in range(n):
        t = start + dt.timedelta(seconds=seconds[i])
        published = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        status = f"{me}/statuses/{100000000000000000 + i}"
        if i:
            write(",")
        if rng.random() < 0.1:
            write(dumps({"id": status + "/activity", "type": "Announce", "actor": me, "published": published,
                         "to": [public], "cc": [followers],
                         "object": f"https://{rng.choice(INSTANCES)}/users/someone/statuses/{rng.randrange(10**17, 10**18)}"},
                        separators=(",", ":")))
            continue
        paragraphs = [capitalise(fill(rng, rng.choice(TEMPLATES))).replace("&", "&amp;").replace("'", "&#39;")
                      for _ in range(rng.randrange(1, 4))]
        tag_objects, anchors, chosen = [], [], []
        for _ in range(rng.randrange(4)):
            name = tags[bisect.bisect_right(tag_cum, rng.random() * tag_total)]
            if name in chosen:
                continue
            chosen.append(name)
            href = f"https://mastodon.social/tags/{name}"
            tag_objects.append({"type": "Hashtag", "href": href, "name": "#" + name})
            anchors.append(f'<a href="{href}" class="mention hashtag" rel="tag">#<span>{name}</span></a>')
        tag_links += len(chosen)
        for _ in range(rng.randrange(3) if rng.random() < 0.4 else 0):
            handle, _ = rng.choice(people)
            user, _, host = handle.partition("@")
            host = host or "mastodon.social"
            href = f"https://{host}/@{user}"
            tag_objects.append({"type": "Mention", "href": f"https://{host}/users/{user}",
                                "name": "@" + (handle if host != "mastodon.social" else user)})
            anchors.insert(0, f'<span class="h-card" translate="no"><a href="{href}" class="u-url mention">'
                              f'@<span>{user}</span></a></span>')
        if rng.random() < 0.3:
            url = rng.choice(urls) + f"?i={i}"
            bare = url.split("://", 1)[1]
            anchors.append(f'<a href="{url}" target="_blank" rel="nofollow noopener noreferrer" translate="no">'
                           f'<span class="invisible">https://</span><span class="ellipsis">{bare[:30]}</span>'
                           f'<span class="invisible">{bare[30:]}</span></a>')
        if anchors:
            paragraphs[-1] += " " + " ".join(anchors)
        note = {"id": status, "type": "Note", "summary": None, "published": published,
                "url": f"https://mastodon.social/@ann/{100000000000000000 + i}", "attributedTo": me,
                "sensitive": False, "content": "".join(f"<p>{p}</p>" for p in paragraphs), "attachment": [],
                "tag": tag_objects}
        v = rng.random()
        note["to"], note["cc"] = ([public], [followers]) if v < 0.8 else ([followers], [public]) if v < 0.95 \
            else ([followers], [])
        note["inReplyTo"] = rng.choice(own) if own and rng.random() < 0.05 else None
        own.append(status)
        if len(own) > 1000:
            own.pop(0)
        write(dumps({"id": status + "/activity", "type": "Create", "actor": me, "published": published,
                     "to": note["to"], "cc": note["cc"], "object": note}, ensure_ascii=False, separators=(",", ":")))
    write("]}")
    if out is not sys.stdout:
        out.close()
    else:
        out.flush()
    if args.stats:
        stats = {"activities": n, "seed": args.seed, "tag_links": tag_links,
                 "seconds": round(time.monotonic() - started, 2)}
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1)
            f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--entries", type=int, help="number of entries (JSONL)")
    what.add_argument("--bookmarks", type=int, help="number of bookmarks (a CSV for the Lua importer)")
    what.add_argument("--mastodon", type=int, help="number of activities (a Mastodon outbox.json)")
    what.add_argument("--tweets", type=int, help="number of tweets (a Twitter archive zip)")
    ap.add_argument("--out", required=True, help="the file to write ('-' for stdout)")
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--stats", help="write counts for checking pln's answers to this JSON file")
    ap.add_argument("--no-records", action="store_true", help="write entry lines only")
    args = ap.parse_args()
    if args.bookmarks is not None:
        write_bookmarks(args)
        return
    if args.mastodon is not None:
        write_mastodon(args)
        return
    if args.tweets is not None:
        write_tweets(args)
        return
    n = args.entries
    started = time.monotonic()
    rng = random.Random(args.seed)

    tags = build_tags()
    tag_cum = zipf_cum_weights(len(tags), 1.0)
    people = make_people(rng)
    person_cum = zipf_cum_weights(len(people), 0.9)
    sources = make_sources(rng)
    source_cum = zipf_cum_weights(len(sources), 0.8)
    urls = make_urls(rng)

    # A pool of sentences, so that per-entry work is mostly choosing from lists.
    pool_size = max(2000, min(60000, n // 4))
    sentences = [capitalise(fill(rng, rng.choice(TEMPLATES))) for _ in range(pool_size)]
    phrase_sentences = [fill(rng, rng.choice(PHRASE_TEMPLATES)) for _ in range(max(200, pool_size // 50))]
    dumps = json.dumps
    tag_json = [dumps(t) for t in tags]
    person_json = [dumps("@" + h) for h, _ in people]
    key_json = [dumps(k) for k, _, _ in sources]

    locators, locator_text = [], []
    for _ in range(2000):
        form = rng.choice(LOCATORS)
        p = rng.randrange(1, 400)
        text = form.format(n=p, m=p + rng.randrange(1, 12), c=rng.randrange(1, 20),
                           mm=rng.randrange(0, 60), ss=f"{rng.randrange(0, 60):02d}")
        locator_text.append(text)
        locators.append(dumps(text, ensure_ascii=False))

    # Dates: 8 years of days before END; each day's date string and UTC offset precomputed.
    first_day = END - dt.timedelta(days=365 * YEARS + 2)
    n_days = (END - first_day).days
    day_text, day_offset = [], []
    for i in range(n_days):
        d = first_day + dt.timedelta(days=i)
        day_text.append(d.isoformat())
        # Central European time, roughly: summer time from the last Sunday of March to October.
        summer = (4 <= d.month <= 9) or (d.month == 3 and d.day >= 25) or (d.month == 10 and d.day < 25)
        day_offset.append("+02:00" if summer else "+01:00")
    travel_offsets = ["+00:00", "-05:00", "-04:00", "+09:00", "+05:30", "-08:00", "+10:00", "+03:00"]
    # Teachers write in the morning, at lunch and in the evening.
    hour_weights = [0, 0, 0, 0, 0, 1, 3, 8, 6, 3, 3, 3, 7, 5, 3, 5, 6, 5, 4, 5, 8, 8, 5, 2]
    hours = list(range(24))
    day_idx = sorted(rng.choices(range(n_days), k=n))
    hour_list = rng.choices(hours, weights=hour_weights, k=n)

    kinds = ["note", "reflection", "chat", "share"]
    kind_cum = list(itertools.accumulate([80, 10, 6, 4]))
    tag_count_cum = list(itertools.accumulate([10, 30, 30, 20, 10]))
    people_count_cum = list(itertools.accumulate([60, 30, 10]))
    sentence_count_cum = list(itertools.accumulate([35, 35, 20, 10]))

    stats = {"entries": n, "seed": args.seed, "common_tag": COMMON_TAG, "rare_tag": RARE_TAG,
             "phrase": PHRASE, "people": len(people), "sources": len(sources), "tags_in_pool": len(tags)}
    tag_counts = [0] * len(tags)

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", buffering=1 << 22)
    write = out.write
    if not args.no_records:
        for handle, name in people:
            write(dumps({"record": "person", "handle": "@" + handle, "name": name,
                         "created": "2018-11-01T09:00:00+01:00"}, separators=(",", ":")) + "\n")
        for key, last, year in sources:
            kind = rng.choice(SOURCE_TYPES)
            title = " ".join(rng.sample(TITLE_WORDS, rng.randrange(2, 5)))
            write(dumps({"record": "source", "key": key, "type": kind, "title": title,
                         "authors": [{"family": last.capitalize(), "given": rng.choice(FIRST).capitalize()}],
                         "issued": str(year), "stub": False,
                         "created": "2018-11-01T09:00:00+01:00"}, separators=(",", ":")) + "\n")

    # JSON-escaped text (without the quotes) of every piece a body is made of.
    esc = lambda text: encode_basestring(text)[1:-1]
    sentences_esc = [esc(x) for x in sentences]
    phrase_esc = [esc(capitalise(x)) for x in phrase_sentences]
    urls_esc = [esc(x) for x in urls]
    tag_markup = [esc("#" + t) for t in tags]
    person_markup = [esc("@" + h) for h, _ in people]
    source_markup = [esc("[[" + k) for k, _, _ in sources]
    locator_markup = [esc(", " + x + "]]") for x in locator_text]
    minute_text = [f"T{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
    second_text = [f"{x:02d}" for x in range(60)]

    rand = rng.random
    getrandbits = rng.getrandbits
    UUID = uuid.UUID
    bisect_right = bisect.bisect_right
    tag_total, person_total, source_total = tag_cum[-1], person_cum[-1], source_cum[-1]
    n_sentences, n_phrases, n_urls = len(sentences_esc), len(phrase_esc), len(urls_esc)
    n_locators, n_travel = len(locators), len(travel_offsets)
    phrase_entries = with_url = without_links = starred_entries = share_entries = 0
    chunk = []
    for i in range(n):
        # Body: 1-4 sentences; ~1% hold the phrase; ~3% end with a URL.
        k = bisect_right(sentence_count_cum, rand() * 100) + 1
        parts = [sentences_esc[int(rand() * n_sentences)] for _ in range(k)]
        if rand() < 0.01:
            parts[int(rand() * k)] = phrase_esc[int(rand() * n_phrases)]
            phrase_entries += 1
        if rand() < 0.03:
            parts.append(urls_esc[int(rand() * n_urls)])
            with_url += 1

        # Tags, people, source (drawn with repetition, then made distinct).
        entry_tags = []
        for _ in range(bisect_right(tag_count_cum, rand() * 100)):
            j = bisect_right(tag_cum, rand() * tag_total)
            if j not in entry_tags:
                entry_tags.append(j)
                tag_counts[j] += 1
        entry_people = []
        for _ in range(bisect_right(people_count_cum, rand() * 100)):
            j = bisect_right(person_cum, rand() * person_total)
            if j not in entry_people:
                entry_people.append(j)
        src = bisect_right(source_cum, rand() * source_total) if rand() < 0.25 else -1
        li = int(rand() * n_locators) if src >= 0 and rand() < 0.4 else -1

        # The inline syntax stays in the text, as `pln add` would have seen it.
        for j in entry_tags:
            parts.append(tag_markup[j])
        for j in entry_people:
            parts.append(person_markup[j])
        if src >= 0:
            parts.append(source_markup[src] + (locator_markup[li] if li >= 0 else "]]"))

        d = day_idx[i]
        offset = travel_offsets[int(rand() * n_travel)] if rand() < 0.05 else day_offset[d]
        u = UUID(int=getrandbits(128), version=4)
        kind = kinds[bisect_right(kind_cum, rand() * 100)]
        if kind == "share":
            share_entries += 1
        starred = rand() < 0.05
        if starred:
            starred_entries += 1

        line = ['{"uuid":"', str(u), '","date":"', day_text[d],
                minute_text[hour_list[i] * 60 + int(rand() * 60)], second_text[int(rand() * 60)], offset,
                '","body":"', " ".join(parts), '"']
        if entry_tags or entry_people or src >= 0:
            line.append(',"tags":[' + ",".join([tag_json[j] for j in entry_tags]) + "]")
            line.append(',"people":[' + ",".join([person_json[j] for j in entry_people]) + "]")
            if src >= 0:
                line.append(f',"sources":[{{"key":{key_json[src]},"locator":{locators[li] if li >= 0 else "null"}}}]')
            else:
                line.append(',"sources":[]')
        else:
            # No links: leave the arrays out so that pln links what the text names (a URL).
            without_links += 1
        line.append(',"kind":"')
        line.append(kind)
        line.append('","starred":true}\n' if starred else '","starred":false}\n')
        chunk.append("".join(line))
        if len(chunk) >= 10000:
            write("".join(chunk))
            chunk.clear()
    write("".join(chunk))
    if out is not sys.stdout:
        out.close()
    else:
        out.flush()

    stats.update(phrase_entries=phrase_entries, with_url=with_url, without_links=without_links,
                 starred=starred_entries)
    stats["tag_counts"] = {tags[j]: c for j, c in enumerate(tag_counts) if c}
    # For pln stats and pln review: every entry's local day is its date as written.
    active = sorted(set(day_idx))
    longest = run = 0
    for k, d in enumerate(active):
        run = run + 1 if k > 0 and active[k - 1] == d - 1 else 1
        longest = max(longest, run)
    monday = END - dt.timedelta(days=END.weekday())
    week = {(monday + dt.timedelta(days=k)).isoformat() for k in range(7)}
    stats.update(share_entries=share_entries, active_days=len(active), longest_streak=longest,
                 week_entries=sum(1 for d in day_idx if day_text[d] in week))
    stats["seconds"] = round(time.monotonic() - started, 2)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
