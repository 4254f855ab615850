"""Train the person/place CRF tagger shipped in socialrx/core/compliance/data/entity_tagger.crfsuite.

Run: .venv/bin/python scripts/train_entity_tagger.py [--corpus tests/data/compliance/train.jsonl ...] [--check]

Training data is generated here: social-post sentences from templates (replies, quotes, lists,
possessives, clinician and brand posts, machine-formatted key=value text) whose slots are filled with
names from Faker's locales (non-ASCII included), initials, misspelled and lower-cased names, real and
invented places, and distractors (products, organisations, events, months). The labelled writer corpus's
TRAIN split is added when given (its NAME and GEO spans, of any role); the test split is never read.
``--check`` prints token-level precision and recall on a held-out generated set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import faker
import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from socialrx.core.compliance.tokens import token_features, tokenize  # noqa: E402

MODEL = ROOT / "socialrx" / "core" / "compliance" / "data" / "entity_tagger.crfsuite"
LOCALES = ("en_US", "en_US", "en_US", "en_GB", "en_IE", "en_IN", "es_MX", "es_ES", "pt_BR", "fr_FR", "de_DE",
           "it_IT", "pl_PL", "vi_VN", "tr_TR", "nl_NL", "yo_NG", "id_ID")  # fmt: skip
PLACE_SUFFIXES = ("Creek", "Falls", "Springs", "Ridge", "Heights", "Valley", "Harbor", "Grove", "Hollow", "Junction",
                  "Mills", "Crossing", "Bluff", "Park", "Point", "Lake", "Hills")  # fmt: skip
PLACE_PREFIXES = ("North", "South", "East", "West", "New", "Port", "Fort", "Lake", "Mount", "Glen")
PRODUCTS = ("NeuroTriage", "CardioSight", "SepsisWatch", "RadiaScan AI", "PulsePal", "Heartly", "DermaView",
            "LungLens", "StrokeSense", "GlucoGuide", "ScanPilot", "Aidoc", "Viz", "EchoMind")  # fmt: skip
ORGS = ("Lakeside General", "Mercy Health", "St. Luke's", "Riverside Medical Center", "the Mayo Clinic", "HIMSS",
        "RSNA", "the FDA", "CMS", "ACC", "Epic", "our radiology team", "Northwell", "Kaiser", "Medicare",
        "Cedar Valley Hospital", "the AMA", "ViVE", "ASCO")  # fmt: skip
RELATIVES = ("dad", "mom", "mum", "father", "mother", "wife", "husband", "son", "daughter", "grandma", "grandpa",
             "sister", "brother", "aunt", "uncle", "nan", "partner", "neighbor", "best friend")  # fmt: skip
EVENTS = ("surgery", "scan", "stroke", "biopsy", "MRI", "diagnosis", "discharge", "chemo", "transplant", "follow-up",
          "admission", "bypass", "delivery", "recovery", "ER visit")  # fmt: skip
DATES = ("March 3", "on 6/14", "last Tuesday", "yesterday", "the 14th", "Jan 9th", "this morning", "on Friday",
         "12/02/2024", "2025-03-04", "the third of May", "two weeks ago")  # fmt: skip
ROLES_STAFF = ("our CMO", "our CEO", "our VP of Product", "data scientist", "charge nurse", "product lead",
               "our head of clinical affairs", "engineer", "founder")  # fmt: skip
# Templates: {P} a person, {L} a place, {R} a relative word, {E} a health event, {D} a date, {X} a product,
# {O} an organisation, {S} a staff role. Upper- and lower-case variants are produced from the same template.
TEMPLATES = (
    "Meet {P}, who came to us after a {E} in {L}.",
    "{P} rang the bell today after 6 rounds of chemo!",
    "So proud of {P} - walking again three weeks after her {E}.",
    "@{H} thank you {P}, we're so glad your {E} went well. DM us anytime.",
    "Hi {P}, sorry to hear about your {E}. Please call our patient line.",
    "\"{X} caught it before anyone else did,\" says {P} of {L}.",
    "In {P}'s words: \"I got my life back.\"",
    "{P}'s {E} was flagged by {X} {D}.",
    "Shout out to {P}, {P2} and {P3} for organising the fun run in {L}!",
    "Nurses of the month: {P}, {P2}, {P3}.",
    "My {R} {P} had a {E} {D} and the team at {O} was amazing.",
    "my {R} {P} was in the ICU for a week. thank you all",
    "Praying for {P} tonight.",
    "{P} ({N}) from {L} shared her story with us.",
    "Welcome to the team, {P}! {P} joins as {S}.",
    "{P}, {S}, will present {X} results at {O} in {L}.",
    "Dr. {P} and Dr. {P2} led the validation study at {O}.",
    "Great panel with {P} from {O} on AI governance.",
    "Congratulations to {P} on her promotion to {S}.",
    "Thanks {P} for the kind words about our booth at {O}!",
    "{X} is live at {O} in {L} and {L2}.",
    "Join us in {L} for {O} next week.",
    "Our team in {L} is hiring data engineers.",
    "{P} from {L}, 88, came in with chest pain {D}.",
    "Last week {P} drove in from {L} for a {E}.",
    "We met {P} and her {R} {P2} at the screening event in {L}.",
    "{P} writes: \"the nurses at {O} were incredible after my {E}\"",
    "Replying to {P}: we can't discuss anyone's care here, please DM us.",
    "Happy birthday {P}! 95 and still gardening in {L}.",
    "RIP {P}. You taught me more than any textbook.",
    "A huge thank you to {P} at {O} for hosting us.",
    "{P} and {P2} ran the numbers on {X} last quarter.",
    "Case of the week: {P}, sent home from {L} urgent care, came back {D}.",
    "patient={P}&city={L}&event={E}",
    "name: {P} | town: {L} | note: post-op day 2",
    "Pt {P} transferred from {L} {D}.",
    "{P} - {E} - {L} - {D}",
    "Our thoughts are with {P}'s family.",
    "{L} families: free blood pressure checks this Saturday.",
    "Weather delays in {L} today; appointments are being moved.",
    "Talking AI triage with {P} on the podcast this week.",
    "{X} now available across {O}.",
    "I'm {P}, a nurse in {L}, and I've used {X} for two years.",
    "Remember {P}? The one who beat the odds in {L}? She's 10 years cancer free.",
    "Little {P} is home! Born at 28 weeks, now thriving in {L}.",
    "Thanks to {P} and the whole crew at {O}.",
    "RT @{H}: my {R} {P} got her {E} results {D} and it's good news",
    "{P}: \"I never thought I'd walk again.\"",
    "Spotted: {P} and {P2} at our booth in {L}.",
    "From {L} to {L2}: {X} is now in 40 hospitals.",
    "Grateful for {P}, who drove my {R} to every {E}.",
    "ICYMI: {P} talks sepsis alerts with {O}.",
    "{P} was discharged {D} and is back home in {L}.",
    "The {L} clinic will close early on Friday.",
    "Q&A with {P}, {S}, about bias testing.",
    "What {P} taught us about listening to patients.",
    "{P}, age 67, {L}.",
    "Visit us at {O} booth 1420.",
    "{X} helps radiologists prioritise studies. See the IFU for limitations.",
    "We are proud to partner with {O} in {L}.",
    "Big thanks to the {L} team!",
    "@{H} Hi {P}! Your {E} results are ready in the portal.",
    "Thanks for the 5 stars, {P}! Glad your {E} went well.",
    "{P}!! so glad you're home 💙",
    "tysm {P} for the review, hope the {E} pain is better",
    "Remember {P}? {P} came to us after a {E}.",
    "Hope your {E} went well! Grace and peace to your family.",
    "Hope to see everyone at {O} in {L}!",
    "So sorry, {P}. Your {R} called about the {E}.",
    "{P} & {P2} - thank you for the lovely card!",
    "Responding to {P}: your doctor will call you.",
    "{P} from {L} (age {N}) says our nurses are the best.",
    "Shoutout to my coworker {P} for covering my shift in {L}!",
    # Family caregivers, replies and lists: names at the start of a sentence, after a family word, in a list.
    "{P} is back to walking after the {E}. Mom cried.",
    "{P}'s {E} went well, thank you all for the prayers.",
    "Dad's {E} was {D}. {P} drove up from {L} to sit with him.",
    "Sorry for the mix-up, {P}. Your {E} is rescheduled.",
    "{P}, {P2} & {P3}: thank you for the card! Grandpa has it by his bed.",
    "Mom ({P}, {N}) asked for her sister {P2} all night.",
    "Visiting {P} at {O} every evening this week.",
    "{P} from {L} says hi to the night nurses.",
    "Our aide {P} sings to every resident at bedtime.",
    "Hygienist {P} is the best, ask for her!",
    "Back home in {L} after three weeks. {P} is sleeping in his own bed.",
    "{P} lives out past {L} with her dogs and refuses the walker.",
    "thank u {P} and {P2} for the flowers, mom loved them",
    "Grandma {P} is {N} today and still beats us at cards.",
    "We'll see you and {P} at your 2pm on Friday!",
    "Rest easy, {P}. The whole unit will miss you.",
    "My {R}, {P}, was moved to memory care in {L}.",
    "Team photo: {P}, {P2}, {P3} and our manager {P4} at the {L} office.",
)


def _names(fake: faker.Faker) -> str:
    first, last = fake.first_name(), fake.last_name()
    forms = (
        f"{first} {last}", first, first, f"{first} {last}", f"{first[0]}. {last}", f"{first} {last[0]}.",
        f"{first} {fake.first_name()[0]}. {last}", last, f"{first}-{fake.first_name()}", f"{first} {last}-{fake.last_name()}",
    )
    return random.choice(forms)


def _misspell(word: str) -> str:
    letters = list(word)
    if len(letters) < 4:
        return word
    index = random.randrange(1, len(letters) - 1)
    operation = random.choice(("swap", "drop", "double", "replace"))
    if operation == "swap":
        letters[index], letters[index + 1] = letters[index + 1], letters[index]
    elif operation == "drop":
        del letters[index]
    elif operation == "double":
        letters.insert(index, letters[index])
    else:
        letters[index] = random.choice("aeiouylnrst")
    return "".join(letters)


def _place(fake: faker.Faker) -> str:
    roll = random.random()
    if roll < 0.35:
        return fake.city()
    if roll < 0.6:
        return f"{fake.last_name()} {random.choice(PLACE_SUFFIXES)}"
    if roll < 0.75:
        return f"{random.choice(PLACE_PREFIXES)} {fake.last_name()}"
    return faker.Faker("en_US").city() if roll < 0.85 else fake.city()


def _person(fakers: list[faker.Faker]) -> str:
    name = _names(random.choice(fakers))
    if random.random() < 0.12:
        name = " ".join(_misspell(part) for part in name.split())
    if random.random() < 0.08:
        name = name.lower()
    return name


def _fill(template: str, fakers: list[faker.Faker]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans = "", []
    fake = random.choice(fakers)
    for piece in re.split(r"(\{\w+\})", template):
        slot = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        kind, value = None, piece
        if slot in ("P", "P2", "P3", "P4"):
            kind, value = "PER", _person(fakers)
        elif slot in ("L", "L2"):
            kind, value = "LOC", _place(fake)
        elif slot is not None:
            value = {
                "R": lambda: random.choice(RELATIVES), "E": lambda: random.choice(EVENTS), "D": lambda: random.choice(DATES),
                "X": lambda: random.choice(PRODUCTS), "O": lambda: random.choice(ORGS), "S": lambda: random.choice(ROLES_STAFF),
                "N": lambda: str(random.randint(20, 99)), "H": lambda: fake.user_name(),
            }[slot]()
        if kind:
            spans.append((len(text), len(text) + len(value), kind))
        text += value
    return text, spans


def bio(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[list[str]], list[str]]:
    """Return the tagger features and BIO labels of a text whose entity spans are given."""
    tokens = tokenize(text)
    labels = []
    for token in tokens:
        label = "O"
        for start, end, kind in spans:
            if start <= token.start and token.end <= end and token.text not in ("'s", "\u2019s"):
                inside = any(start <= other.start < token.start and other.text not in ("'s",) for other in tokens)
                label = f"{'I' if inside else 'B'}-{kind}"
                break
        labels.append(label)
    return token_features(tokens), labels


def generated(count: int, seed: int) -> list[tuple[list[list[str]], list[str]]]:
    """Return ``count`` generated, labelled sentences (one or two templates each)."""
    random.seed(seed)
    fakers = [faker.Faker(locale) for locale in LOCALES]
    for index, fake in enumerate(fakers):
        fake.seed_instance(seed + index)
    result = []
    for _ in range(count):
        parts = [_fill(random.choice(TEMPLATES), fakers) for _ in range(random.choice((1, 1, 2)))]
        text, spans = "", []
        for part_text, part_spans in parts:
            offset = len(text) + (1 if text else 0)
            text = f"{text} {part_text}" if text else part_text
            spans += [(start + offset, end + offset, kind) for start, end, kind in part_spans]
        result.append(bio(text, spans))
    return result


def corpus(path: Path, exclude: frozenset[str] = frozenset()) -> list[tuple[list[list[str]], list[str]]]:
    """Return the labelled TRAIN records of a writer-corpus file as tagger examples, leaving out some writers."""
    kinds = {"NAME": "PER", "GEO": "LOC"}
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else None
        if not record or record.get("split") != "train" or record.get("writer") in exclude:
            continue
        labelled = [*record.get("phi", ()), *record.get("entities", ())]
        spans = [(s["start"], s["end"], kinds[s["type"]]) for s in labelled if s["type"] in kinds
                 and re.search(r"[^\W\d]", record["text"][s["start"]:s["end"]])]  # fmt: skip
        examples.append(bio(record["text"], spans))
    return examples


def score(tagger: pycrfsuite.Tagger, examples: list[tuple[list[list[str]], list[str]]]) -> str:
    """Return token-level precision and recall per entity kind."""
    counts: dict[str, list[int]] = {}
    for features, labels in examples:
        predicted = tagger.tag(features)
        for gold, guess in zip(labels, predicted, strict=True):
            for kind in ("PER", "LOC"):
                tally = counts.setdefault(kind, [0, 0, 0])
                tally[0] += gold.endswith(kind) and guess.endswith(kind)
                tally[1] += guess.endswith(kind)
                tally[2] += gold.endswith(kind)
    return "  ".join(f"{k}: precision {c[0] / max(c[1], 1):.3f} recall {c[0] / max(c[2], 1):.3f}" for k, c in counts.items())


def main() -> None:
    """Generate the data, train, save the model and print held-out token scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="writer corpus JSONL (train split used)")
    parser.add_argument("--sentences", type=int, default=12000)
    parser.add_argument("--check", action="store_true", help="also score on a held-out generated set")
    parser.add_argument("--model", type=Path, default=MODEL, help="where to write the model (default: the shipped one)")
    parser.add_argument("--exclude-writer", action="append", default=[],
                        help="leave a train writer out, to measure the model on writers it has not seen")
    args = parser.parse_args()
    trainer = pycrfsuite.Trainer(verbose=False)
    examples = generated(args.sentences, seed=16)
    for path in args.corpus:
        examples += corpus(path, frozenset(args.exclude_writer)) * 3
    for features, labels in examples:
        trainer.append(features, labels)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(args.model))
    print(f"trained on {len(examples)} sentences -> {args.model} ({args.model.stat().st_size // 1024} KiB)")
    if args.check:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.model))
        print("held-out generated:", score(tagger, generated(1500, seed=99)))
        for path in args.corpus:
            print(f"{path.name} (train split, seen):", score(tagger, corpus(path)))


if __name__ == "__main__":
    main()
