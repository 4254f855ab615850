"""Disclosure rules: material connections, buried or weak disclosures, atypical results, patient stories."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding
from socialrx.core.compliance.patterns import compile_pattern

ADEQUATE = compile_pattern(
    r"(?i)(?<!\w)#(?:ad|advert|advertisement|sponsored|paid|paidpartnership|paidpartner|employee|gifted|paidad)\b"
    r"|\bpaid\s+partnership\b|\bsponsored\b|^\s*ad\s*[:|]|\bad\s*:|\b(?:I|we)\s+(?:work|worked)\s+(?:at|for)\b"
    r"|\bI'?m\s+(?:an?\s+)?(?:(?-i:[A-Z])[\w-]+\s+){0,3}(?:employee|paid|advisor|consultant)\b|\b(?:paid|compensated)\s+(?:advisor|consultant|partner|"
    r"spokesperson|ambassador|speaker)\b|\b(?:advisor|consultant|investor|shareholder)\s+(?:to|for|in|at)\b|\bin\s+partnership\s+with\b"
    r"|\((?:gifted|sponsored|ad|paid|paid\s+partnership)\)|\bgifted\s*\)"
    r"|\bpartnered\s+with\b|\bemployee\s+of\b|\bI\s+was\s+paid\b|\bgifted\s+by\b|\bdisclosure\s*:|\bthey\s+paid\s+me\b|\bmy\s+employer\b"
    # Spanish and Portuguese: "Colaboraci\u00f3n pagada", "(publicidad pagada)", "Publicidad |", "parceria paga", "#publicidad".
    r"|\bcolaboraci[o\u00f3]n\s+pagada\b|\bpublicidad(?:\s+pagada)?\s*[|:)]|\bpublicidad\s+pagada\b|(?<!\w)#publicidad\b"
    r"|\bparceria\s+paga\b|\bpublicidade\b|\bpatrocinad[oa]\s+por\b|\bcontenido\s+patrocinado\b"
    # Korean: "[광고]", "광고)", "#광고", "유료 광고", "협찬".
    r"|[\[(]\s*광고\s*[\])]|^\s*광고\s*[):|]|(?<!\w)#광고(?!\w)|유료\s?광고|협찬"
)
INADEQUATE = compile_pattern(r"(?i)(?<!\w)#(?:sp|spon|collab|thanks|thankyou|partner|ambassador|ambass|brandambassador|sponsor|affiliate|"
                        r"publi|colab|colabo|gracias|embajadora?|parceria|partenaire|partenariat|collabo|ambassadrice|patwone|파트너|홍보대사|앰배서더)(?!\w)")
CONNECTION_CUE = compile_pattern(
    r"(?i)\b(?:use|with)\s+(?:my\s+)?(?:code|promo\s+code|discount\s+code)\s+\w+|\baffiliate\s+link\b|\bgifted\b"
    r"|\bsent\s+me\s+(?:a|this|their)\b|\bfree\s+(?:device|sample|trial)\s+from\b|\b(?:link|code)\s+in\s+(?:my\s+)?bio\b"
)
ENDORSEMENT = compile_pattern(
    r"(?i)\bclear\s+winner\b|\bthe\s+only\s+\w+\s+you'?ll\s+ever\s+need\b"
    r"|\b(?:the\s+\w+\s+)?(?:she|he|I)\s+trusts?\s+(?:the\s+)?most\b|\b(?:I\s+)?prescribe\s+it\s+to\s+(?:every|all)\b[^.!?]{0,40}"
    r"|\brecommend\w*\s+(?:it\s+)?to\s+(?:every|all)\w*|\b(?:every(?:one|body)|all\s+of\s+you)\s+(?:needs?|should\s+(?:get|have|buy))\s+"
    r"(?:this|one|it)\b[^.!?]{0,30}|\b10\s*/\s*10\b"
    # "we'd love to hear your experience" invites; it endorses nothing.
    r"|\b(?:everyone\s+)?should\s+try\b[^.!?]*[.!?]?|\b(?:I\s+)?(?<!'d\s)(?<!\u2019d\s)(?<!would\s)(?:love|loving)\b(?!\s+to\s+(?:hear|see|know|have|help|chat|connect|talk|meet|learn))[^.!?]{0,60}|\b(?:highly\s+)?recommend\w*\b[^.!?]{0,40}"
    r"|\b(?:the\s+)?best\b(?![\s-]+(?:performing|practices?|wishes|regards|of\s+luck)\b)[^.!?]{0,40}|(?<!least\s)(?<!your\s)(?<!ur\s)\bfavou?rite\b[^.!?]{0,30}|\bgame[\s-]*changer\b|\bmust[\s-]*have\b|\bobsessed\b"
    r"|\bcan't\s+live\s+without\b|\bcheck\s+(?:it|them)?\s*out\b|\bswitch\s+to\b[^.!?]{0,30}|\bI\s+use\b[^.!?]{0,40}"
    # "Every chemo patient needs this app", "Every unit in the country should be running it", "don't buy anywhere else",
    # "the friendliest crew we've ever worked with", "hands down".
    r"|\bevery(?:one|body)?\s+(?:[\w-]+\s+){0,5}?(?:needs?|should\s+(?:be\s+)?(?:get|have|buy|use|try|run|running|using|start))\b[^.!?]{0,40}"
    r"|\bdon'?t\s+(?:buy|shop|go)\s+anywhere\s+else\b|\b(?:the\s+)?\w+est\s+(?:[\w-]+\s+){0,3}(?:I|we)(?:'ve|\s+have)\s+ever\b[^.!?]{0,30}"
    r"|\bhands\s+down\b|\bno\s+(?:[\w'\u2019-]+\s+){0,3}should\s+be\s+without\s+(?:it|one|this|them|(?-i:[A-Z])\w+)\b"
    # "the only mood app I tell every client to download", "the only reason I survived", "nothing else comes close".
    r"|\bthe\s+only\s+(?:[\w-]+\s+){0,3}?(?:I|we|our\s+\w+|my\s+\w+)(?:['\u2019](?:d|ll)|\s+would|\s+will)?\s+"
    r"(?:ever\s+|actually\s+|really\s+)?(?:tell|recommend|use|trust|prescribe|buy|suggest|reach\s+for|grab|wear|let|put|give)\b[^.!?]{0,40}"
    # "it's the balloon I'd put in my own sister", "the one I'd pick for my own mom"
    r"|\b(?:I|we)(?:['\u2019]d|\s+would)\s+(?:pick|choose|use|put|give|recommend|want|trust)\b[^.!?]{0,25}?\b(?:for|in|on|to|with)\s+"
    r"my\s+own\s+(?:mom|mum|mother|dad|father|sister|brother|kids?|children|family|wife|husband|daughter|son|grandma|grandpa)\b"
    # "honestly can't imagine pacing without Ebbwise", "my family's go-to every winter"
    r"|\bcan['\u2019]?t\s+imagine\s+(?:[\w-]+\s+){0,3}without\b[^.!?]{0,30}|\b(?:my|our)\s+(?:\w+['\u2019]s\s+)?go-to\b[^.!?]{0,30}"
    r"|\bthe\s+only\s+reason\s+(?:I|we)\b[^.!?]{0,40}|\bnothing\s+(?:else\s+)?comes\s+close\b"
    r"|\bshould\s+(?:all\s+)?be\s+(?:looking\s+at|using|trying|running)\s+(?:it|this|them)\b|\bit'?s\s+that\s+good\b"
    # "the only app that actually gets me"; Spanish: "la mejor pasta q he usado", "me encanta", "lo recomiendo".
    r"|\bthe\s+only\s+(?:[\w-]+\s+){0,2}?(?:that|which)\s+(?:actually\s+|really\s+|truly\s+)?(?:gets|works|helps|understands)\b[^.!?]{0,30}"
    r"|\b(?:el|la|los|las)\s+mejor(?:es)?\b[^.!?]{0,40}|\bme\s+encanta\w*\b[^.!?]{0,40}|\b(?:lo|la|los|las)\s+recomiendo\b[^.!?]{0,30}"
    r"|\bmi\s+favorit[oa]\b[^.!?]{0,30}|\btienen\s+que\s+probar\w*\b|\bno\s+puedo\s+vivir\s+sin\b"
    # French and Haitian Creole: "le meilleur thé", "je recommande", "se pi bon te mwen janm bwè".
    r"|\b(?:le|la)\s+meilleure?\b[^.!?]{0,40}|\bje\s+(?:le\s+|la\s+|les\s+)?recommande\b[^.!?]{0,30}|\bpi\s+bon\b[^.!?]{0,40}"
    # Korean: "제일 좋아요", "진짜 최고예요", "강추", "꼭 사두세요".
    r"|제일\s?좋[\uac00-\ud7a3]*|(?:진짜\s?)?최고(?:예요|에요|야|입니다)|강추|추천(?:해요|합니다|드려요)|꼭\s?사\s?(?:두|세)[\uac00-\ud7a3]*"
)
ATYPICAL_RESULT = compile_pattern(
    r"(?i)\b\w+\s+(?:lost|dropped|shed|losing|dropping)\s+(?:\d+|ten|fifteen|twenty|thirty|forty|fifty)\s*(?:lbs?|pounds|kg|kilos|inches|"
    r"dress\s+sizes)\b(?:\s+in\s+(?:\d+|one|two|three|four|six)\s+\w+)?"
    r"|\b(?:lose|drop|shed)\s+(?:up\s+to\s+)?(?:\d+|ten|fifteen|twenty|thirty)(?:\s*(?:-|to)\s*(?:\d+|fifteen|twenty|thirty))?\s*"
    r"(?:lbs?|pounds|kg|kilos)\s+in\s+(?:your\s+first\s+)?(?:\d+|one|two|three|four|seven|ten|fourteen|thirty)\s+(?:days?|weeks?)\b"
    r"|\bask\s+(?:him|her|them|me)\s+how\b|\bit'?s\s+(?:that|so)\s+easy\b|\bat\s+any\s+age\b[^.!?]{0,20}\b(?:you|u)\s+can\b"
    r"|\bfrom\s+\d+\s+\w+\s+to\s+(?:zero|none|0)\b"
    r"|\b(?:you|u|ya)\s+(?:can|will|could)\s+too\b|\byour\s+(?:kid|kiddo|child|son|daughter|mom|dad|loved\s+one|little\s+one)\s+"
    r"(?:can|will|could)\s+too\b|\b(?:so|and)\s+(?:can|will)\s+(?:you|u)\b|\b(?:anyone|everyone|anybody)\s+can\b"
    # "Anyone can start screening online", "anyone can learn CPR": an invitation, not a result promised
    r"(?!\s+(?:start|sign\s+up|call|join|register|donate|apply|learn|ask|come|attend|book|schedule|enroll|request|volunteer|"
    r"text|visit|watch|submit|become|help|be\s+a|get\s+(?:screened|tested|vaccinated|a\s+(?:flu\s+)?shot)|use\s+(?:the|our|it)))"
    r"|\b(?:aap|tum)\s+bhi\s+kar\s+sakte\s+(?:ho|hain)\b|여러분도\s?(?:하실|할)\s?수\s?있|\byou'?re\s+next\b|\b(?:you|u|your\s+\w+|ur\s+\w+)\s+(?:could|can|will|might)\s+be\s+next\b|\bso\s+can\s+(?:you|u|your\s+(?:loved\s+one|mom|dad|kid|kiddo|child|family\s+member|son|daughter))\b|\beveryone\s+does\b|\bt[u\u00fa]\s+tambi[e\u00e9]n\s+puedes\b|\busted\s+tambi[e\u00e9]n\s+puede\b"
    r"|\b(?:reversed|cured|beat|got\s+rid\s+of)\s+(?:my|his|her)\s+\w+|\bresults\s+like\s+(?:these|mine|hers|his)\b"
    r"|\b(?:off|no\s+longer\s+(?:on|need))\s+(?:all\s+)?(?:my|his|her)\s+(?:meds|medications?|insulin)\b"
    r"|\bA1C\s+(?:dropped|went|fell)\s+from\b"
)
STRONG_ENDORSEMENT = compile_pattern(
    r"(?i)\bgame[\s-]*changer\b|\bmust[\s-]*have\b|\bobsessed\b|\bcan't\s+live\s+without\b|\bshould\s+try\b"
    r"|\bclear\s+winner\b|\bthe\s+only\s+\w+\s+you'?ll\s+ever\s+need\b"
    r"|\btrusts?\s+(?:the\s+)?most\b|\bprescribe\s+it\s+to\s+(?:every|all)\b|\brecommend\w*\s+(?:it\s+)?to\s+(?:every|all)\w*"
    r"|\b(?:every(?:one|body)|all\s+of\s+you)\s+(?:needs?|should\s+(?:get|have|buy))\s+(?:this|one|it)\b|\b10\s*/\s*10\b"
    r"|\bhighly\s+recommend|\bswitch\s+to\b|\bcheck\s+(?:it|them)\s+out\b|\bevery\s+(?:[\w-]+\s+){1,3}should\s+(?:have|get|try|use|own)\b"
    r"|\bthe\s+only\s+(?:[\w-]+\s+){0,3}?(?:I|we)\s+(?:ever\s+)?(?:tell|recommend|trust|prescribe|suggest)\b|\bnothing\s+(?:else\s+)?comes\s+close\b"
    r"|\bit'?s\s+that\s+good\b"
)
# The things a sponsored post endorses: a product noun, a brand handle, a code, or a brand-shaped name ("ShelfSprint").
PRODUCT_OBJECT = compile_pattern(
    r"(?i)(?<![\w@])@\w{2,}|\b(?:app|apps|tracker|device|tool|product|brand|ring|patch|monitor|wearable|watch|platform|"
    r"software|supplement|kit|code|scale|cgm|sensor|service|subscription|program|gadget|band|valve|stent|implant|pump|"
    r"lens|lenses|cream|serum|gummies|company|pharmacy|tub|pool|tea|drink|powder|bottle|mattress|pillow|shoes|bar|oil|spray|"
    r"vitamins?|formula|toothpaste|toothbrush|aligners?|socks|"
    # Spanish and Portuguese: "la mejor pasta", "este cepillo", "mi código".
    r"pasta|crema|cremas|producto|productos|marca|aparato|c[o\u00f3]digo|suplementos?|t[e\u00e9]|vitaminas|cepillo|pulsera|reloj|"
    r"aplicaci[o\u00f3]n|aplicativo|suero|pastillas|th\u00e9|tisane|bwat|remed|renm[\u00e8e]d)\b"
    r"|(?-i:\b[A-Z][a-z]+[A-Z][a-z]+)"
)
# "I love it", "recommend them": the thing endorsed is the product the post is about (an "it" elsewhere in the sentence,
# "stay in the room when it gets hard", is not).
IT_OBJECT = compile_pattern(
    r"(?i)(?:(?:I\s+)?(?:love|loving|recommend\w*)|should\s+(?:be\s+using|have(?:\s+had)?|get|try|use|buy|own))\s+(?:it|them|this(?:\s+one)?)\b"
    r"(?!\s+(?:work|job|team|community|place)\b)(?![,;]?\s+but\b)"  # "i love it, but it is not a cure": a concession
)
# "Cardiologists recommend HeartLoop": a claim about what others do (R25, expert endorsement), not the author's own word.
THIRD_PARTY_SUBJECT = compile_pattern(
    r"(?i)\b(?:doctors|physicians|clinicians|experts|nurses|dentists|surgeons|pharmacists|users|customers|patients|guidelines|"
    r"recommendations|societies|associations|colleges|academies|"
    r"\w+(?:ists|ians)|they|they'?d|would)\s+(?:\w+ly\s+)?$"
)
# Authors paid or gifted to promote: their praise is the endorsement they were paid or gifted for.
PAID_TO_PROMOTE = frozenset({"paid_influencer", "brand_partner", "gifted_user"})
SUPERLATIVE = compile_pattern(r"(?i)\b(?:best|greatest|most|#1|number\s+one|top|\w+iest)\b")
# "I love this work", "love my patients": the author's life and work, no product praised.
LIFE_OR_WORK = compile_pattern(r"(?i)\b(?:this|my|our|the)\s+(?:work|job|team|community|life|patients|kids|family|people|"
                               r"crew|colleagues|coworkers)\b")
# The author speaking of their own experience: "I've ever used", "of my life", "I'd let my kid use".
FIRST_PERSON = compile_pattern(r"(?i)(?<![\w-])(?:I|I['\u2019](?:ve|d|ll|m)|ive|my|me|we['\u2019]ve)\b(?!-)|\bever\b")
RECOMMEND = compile_pattern(r"(?i)(?:highly\s+)?recommend")
TYPICAL_QUALIFIER = compile_pattern(
    r"(?i)\bresults\s+(?:may\s+)?(?:vary|are\s+not\s+typical|not\s+typical)|\btypical(?:ly)?\s+(?:users?|results?|patients?|customers?)\b"
    r"|\bindividual\s+results\b|\bmost\s+(?:users|people|patients)\s+(?:see|lose|experience)\b"
)
STORY_CUE = compile_pattern(r"(?i)\bstory\b|\bjourney\b|\bshared\b|\btold\s+us\b|\btestimonial\b|\bmeet\b|\bspotlight\b|\bin\s+(?:his|her|their)\s+own\s+words\b")
ADEQUATE_WORDS = frozenset(
    {"ad", "advert", "advertisement", "sponsored", "paid", "paidpartnership", "paidpartner", "paidad", "employee",
     "gifted", "partnership", "partnered", "work", "worked", "advisor", "consultant", "investor", "shareholder",
     "disclosure", "employer", "compensated"}
)
VISIBLE_CHARACTERS = {"linkedin": 210, "youtube": 100, "x": 280, "doximity": 210}


def material_connection(doc: Document) -> Iterator[Finding]:
    """Flag endorsements by connected authors (paid, gifted, employed) that carry no clear disclosure."""
    connected = doc.context.has_material_connection or bool(CONNECTION_CUE.search(doc.text))
    if not connected or doc.context.has_disclosure_tag or ADEQUATE.search(doc.text):
        return
    weak = list(INADEQUATE.finditer(doc.text))
    for match in weak:
        yield doc.finding("disclosure.inadequate", "disclosure", *match.span(), "block",
                          f"'{match.group(0)}' is not a clear disclosure of a material connection (FTC).",
                          "Start the post with '#ad' or 'Paid partnership with <brand>' or 'I work at <brand>'.")
    spans = [m.span() for m in ENDORSEMENT.finditer(doc.text)
             if _endorses_something(doc, *m.span()) and not _others_recommend(doc, m) and not _plainly_ours(doc, m.start())
             and not doc.is_negated(m.start())]  # "it doesn't diagnose or recommend treatment"
    for start, end in spans:
        yield doc.finding("disclosure.material_connection", "disclosure", start, end, "block",
                          "The author has a material connection (payment, gift, employment) that the post does not disclose "
                          "(16 CFR 255.5).",
                          "Disclose it clearly at the start: '#ad', 'Paid partnership with <brand>' or 'I work at <brand>'.")


def _plainly_ours(doc: Document, start: int) -> bool:
    """Return whether an employee praises their own employer in its own voice ("our group runs the best program"):
    the connection is plain to every reader, which is what a disclosure is for."""
    if doc.context.author_relationship != "employee":
        return False
    sentence_start, sentence_end = doc.sentence_at(start)
    if not OUR_OWN.search(doc.text, sentence_start, sentence_end):
        return False
    # A product named in the sentence must be ours too ("our SepsisWatch"), not a vendor's ("Kestrelline is the best
    # thing that's ever happened to our waiting room").
    return all(re.search(r"(?i)\bour\s+$", doc.text[max(0, m.start - 5) : m.start])
               for m in doc.mentions if sentence_start <= m.start < sentence_end)


# The employer itself, named in its own voice: "our orthopedic program", "our group", "I work there" (never "for our
# ED", which is a product praised for what it does for us).
OUR_OWN = compile_pattern(
    r"(?i)(?<!for\s)\bour\s+(?:[\w-]+\s+){0,2}(?:program|programme|programs|group|hospital|hospitals|team|teams|clinic|clinics|"
    r"practice|center|centre|nurses|staff|system|crew|department|people|physicians|surgeons|doctors)\b"
    r"|\bi\s+(?:lead|work\s+(?:at|for|there|here))\b"
)


def _others_recommend(doc: Document, match: re.Match[str]) -> bool:
    """Return whether a 'recommend' is said of other people ('cardiologists recommend', 'they'd recommend')."""
    return bool(RECOMMEND.match(match.group(0)) and THIRD_PARTY_SUBJECT.search(doc.text, max(0, match.start() - 40), match.start()))


def _endorses_something(doc: Document, start: int, end: int) -> bool:
    """Return whether endorsement wording is about a product or brand, not about life in general."""
    if STRONG_ENDORSEMENT.search(doc.text, start, end) or IT_OBJECT.match(doc.text, start, end):
        return True
    if doc.mentions and FIRST_PERSON.search(doc.text, start, end):
        return True  # "Been wearing the Bivouac Ring 3 months. Best sleep gear I've ever owned": the author's own word on it
    if doc.context.author_relationship in PAID_TO_PROMOTE and (SUPERLATIVE.search(doc.text, start, end) or (
            FIRST_PERSON.search(doc.text, start, end) and not LIFE_OR_WORK.search(doc.text, start, end))):
        return True  # a paid creator's "Best clinic I've ever walked into", "the best fertility clinic in the state": the ad
    sentence_start, sentence_end = doc.sentence_at(start)
    if any(sentence_start <= mention.start < sentence_end for mention in doc.mentions):
        return True
    return bool(PRODUCT_OBJECT.search(doc.text, sentence_start, sentence_end))


def buried_disclosure(doc: Document) -> Iterator[Finding]:
    """Flag disclosures placed after the visible part of the post or lost in a run of hashtags (R20, block).

    A post that also discloses where it is seen ("#ad I'm a paid advisor …" at the start) is disclosed.
    """
    if doc.words.isdisjoint(ADEQUATE_WORDS):
        return
    visible = VISIBLE_CHARACTERS.get(doc.channel or "", 210)
    buried = []
    for match in ADEQUATE.finditer(doc.text):
        in_hashtag_pile = len(re.findall(r"#\w+", doc.text[max(0, match.start() - 40) : match.end() + 40])) >= 4
        if match.start() > visible or (match.group(0).startswith("#") and in_hashtag_pile):
            buried.append(match)
        else:
            return
    endorsed = bool(ENDORSEMENT.search(doc.text, 0, visible))
    for match in buried:
        # Lost among hashtags it is never read; below "see more" it matters when the visible part endorses.
        severity = "block" if match.start() <= visible or endorsed else "review"
        yield doc.finding("disclosure.buried", "disclosure", *match.span(), severity,
                          "The disclosure will be missed: it sits below 'see more' or among many hashtags.",
                          "Move the disclosure to the start of the post.")


def atypical_results(doc: Document) -> Iterator[Finding]:
    """Flag testimonials with striking results that do not say what results are typical."""
    if TYPICAL_QUALIFIER.search(doc.text):
        return
    for match in ATYPICAL_RESULT.finditer(doc.text):
        yield doc.finding("disclosure.atypical_results", "disclosure", *match.span(), "block",
                          "A testimonial implies its results are typical; if they are not, typical results must be stated "
                          "(16 CFR 255.2).",
                          "State what typical users experience, with its source ('Typical users lost 2-4 lbs over 12 weeks').")


def patient_story(doc: Document) -> Iterator[Finding]:
    """Ask for the patient's marketing authorization on any patient story without one on file."""
    if not doc.has_patient_context:
        return
    match = STORY_CUE.search(doc.text)
    if match is None or doc.patient_authorized:
        return
    yield doc.finding("disclosure.patient_authorization", "disclosure", *match.span(), "review",
                      "A patient story needs the patient's written HIPAA marketing authorization on file (45 CFR 164.508(a)(3)).",
                      "Attach the authorization ID to the post before review.")
