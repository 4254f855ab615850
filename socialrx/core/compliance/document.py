"""The analysed form of one post that every rule reads: normalised text, cues and mentions."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cached_property

import pycrfsuite

from socialrx.core.compliance.config import CheckContext, ComplianceConfig, Product
from socialrx.core.compliance.findings import Family, Finding, Severity
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.tagger import Entity, tag_entities
from socialrx.core.compliance.text import NormalisedText, normalise
from socialrx.core.compliance.tokens import Token, token_features, tokenize

_RELATIVES = (
    r"dad|mom|mum|father|mother|wife|husband|son|daughter|brother|sister|grandma|grandpa|grandmother|"
    r"grandfather|granddaughter|grandson|aunt|uncle|niece|nephew|baby|child|kid|toddler|newborn"
)
PATIENT_NOUN_FOLLOWERS = (
    r"relations|portal|safety|experience|care|outcomes?|education|advocacy|advocates?|support|services|data|"
    r"engagement|access|population|volume|flow|satisfaction|privacy|voices?|journeys?|communities|community|"
    r"centered|centred|first|facing|friendly|selection|triage|throughput|records?\s+systems?|advisory|council|board|"
    r"panel|forum|navigators?|representatives?|liaisons?|registry|registries|apps?|materials|resources|stories|"
    r"feedback|surveys?|perspectives?|input|partners|ambassadors|day|week|month|summit|preferences?|priorities|"
    r"family\s+advisory|and\s+family|and\s+caregiver"
    # "our PT team", "the PT gym": physical therapy's people and places, not a patient
    r"|team|staff|crew|department|dept|gym|office|program|programs|schedule"
)
# "patient" as one person: found forwards, then its determiner is checked backwards (much faster than
# trying the determiner at every word).
# "the PT sets up the program": written in capitals, PT is the physical therapist (or therapy), not a patient.
PATIENT_NOUN = compile_pattern(rf"(?i)\b(?:patient|(?-i:pt|Pt))\b(?!s\b)(?!\s+(?:{PATIENT_NOUN_FOLLOWERS})\b)")
PATIENT_DETERMINER = compile_pattern(
    r"(?i)\b(?:a|the|our|my|this|that|your|one|first|1st|last|latest|youngest|oldest|another)\s+(?:[\w'-]+\s+){0,2}$"
)
# Each patient cue with the lower-case keywords one of which must occur before its pattern is tried.
_CUE_SOURCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("patient",), rf"(?-i:\b[Pp]atient\s+(?=[A-Z@]))(?!(?:{PATIENT_NOUN_FOLLOWERS})\b)"),
    (("pt",), r"\bpts?'s\b|(?-i:\b(?:Pt|pt)\b)"),
    # "the patient's daughter", "Patient's home phone": one patient's belongings or family.
    (("patient's", "patient\u2019s"), r"\bpatient['\u2019]s\s+(?!(?:rights?|bill|perspective|voice|journey|experience|point|needs|"
     r"safety|privacy|choice|guide)\b)\w+"),
    (("mr", "ms", "miss", "mx"), r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z])"),
    (("my ", "our ", "his ", "her "), rf"\b(?:my|our|his|her)\s+(?:{_RELATIVES})\b"),
    (("admit", "discharg", "diagnos", "intubat", "hospitali", "transferred", "resuscitat", "presented"),
     r"\b(?:was|were|got|been|being|is|gets)\s+(?:\w+\s+)?(?:admitted|discharged|diagnosed|intubated|readmitted|"
     r"hospitali[sz]ed|transferred|resuscitated)\b"
     r"|\b(?:admitted|discharged|diagnosed|presented|readmitted)\s+(?:on|with|to|last|yesterday|today|this|at|in|\d)"
     # "data were presented at the forum", "presented at ASCO": research shown at a meeting, no patient
     r"(?!\s*(?:the\s+|a\s+|an\s+|this\s+year'?s\s+)?(?:[\w'-]+\s+){0,3}(?:forum|conference|meeting|"
     r"symposium|congress|summit|session|webinar|grand\s+rounds|journal\s+club|annual|poster|(?-i:[A-Z]{3,}))\b)"),
    (("case",), r"(?<!use\ )\bcase\s+(?:of|report|pearl)\b|\bknown\s+case"),
    # "said study participant Harlan Oyelowo": a trial's participant, named
    (("participant", "volunteer", "subject"), r"\b(?:study|trial|research)\s+(?:participant|volunteer|subject)\s+(?-i:[A-Z])"),
    (("his ", "her "), r"\b(?:his|her)\s+(?:scan|surgery|diagnosis|recovery|tumou?r|stroke|mri|ct|x-ray|biopsy|treatment|"
     r"procedure|follow-?up|discharge|admission|chart|records?|cancer|bleed|seizure|transplant)\b"),
    (("journey",), r"\b(?:heart|cancer|health|recovery|treatment|transplant)\s+journey\b"),
    (("authori",), r"\b(?:HIPAA|patient|written)\s+authori[sz]ation\b"),
    (("records",), r"(?<!don't\shave\s)(?<!do\snot\shave\s)(?<!can't\saccess\s)(?<!discuss\s)\b(?:our|your)\s+records\b"),
    (("your ",), r"\byour\s+(?:visit|appointment|procedure|treatment|follow-?up|surgery|test\s+results|scan|diagnosis|"
     r"stay|admission)\b"),
    (("mrn", "record", "dob", "birth", "born", "née", "nee ", "fèt"),
     r"(?-i:\bMRN\b)|\bmedical\s+record|(?-i:\bDOB\b)|\bdate\s+of\s+birth\b|\bborn\s+on\b"
     # French and Haitian Creole: "née le 2 février", "fèt 3 mas".
     r"|\bn[\u00e9e]e?\s+le\s+\d|\bf[\u00e8e]t\s+(?:le\s+|jou\s+)?\d"),
    (("turned", "birthday"), r"\bturned\s+\d{2,3}\b|\bhappy\s+(?:\d{2,3}(?:st|nd|rd|th)\s+)?birthday,?\s+(?-i:[A-Z])"),
    (("photos", "pictures", "story", "journey"), r"\b(?:recovery|progress)\s+(?:photos|pictures|story|journey)\b"),
    (("yo", "y/o", "m", "f", "year", "yr"), r"(?<![$\d.,])\b\d{1,3}[\s-]?(?:(?-i:yo|y/o|M|F)\b|y\.o\.|(?:year|yr)s?[\s-]old\b)"),
)
# A family word used as a name ("Mom's stroke", "Pop is home", "Gran (94)"): the writer's own relative. It is a
# patient cue when the sentence (or the next one) speaks of health or care; "Mother's Day sale" is not.
KIN_AS_NAME = compile_pattern(
    r"(?-i:\b(?:Mom|Mommy|Mum|Mama|Momma|Dad|Daddy|Pop|Pops|Papa|Grandma|Grandpa|Gran|Granny|Grandad|Granddad|Nana|Nan|"
    r"Nonna|Nonno|Abuela|Abuelo|Abuelita|Abuelito|Oma|Opa|Mother|Father|Auntie|Uncle|Aunt)\b(?!['\u2019]s\s+Day)(?!\s+(?:Nature|Earth)\b))"
    r"|\b(?:mom|mum|dad|pop|grandma|grandpa|gran|nana|mama|papa)(?:['\u2019]s\b|\s+(?=\()|(?=\s+(?:is|was|has|had|got|went|"
    r"came|fell|died|passed|turned|started|finished|needs?|said)\b|(?=\s+(?:to|for|from|at|into)\s+(?:her|his)\s)))",
    re.IGNORECASE,
)
# One person, told about as a case: "the driver", "a 16-yo", "this little girl", "our frequent caller".
ONE_PERSON = compile_pattern(
    r"(?i)\b(?:driver|passenger|kid|child|toddler|teen|teenager|lady|woman|man|guy|gentleman|girl|boy|baby|infant|newborn|"
    r"resident|veteran|widow|widower|hiker|rider|cyclist|biker|farmer|pedestrian|caller|fella|grandmother|grandfather|mother|"
    r"father|student|athlete|runner|client)\b(?!s)"
)
FIRST_PERSON = compile_pattern(r"\b(?:I|I'm|I've|my|me|we|we're|our)\b")
# Where and how a writer's own person is looked after, beyond the health words ("memory care", "visiting hours").
CARE_SETTING = compile_pattern(
    r"(?i)\b(?:memory\s+care|nursing\s+home|care\s+home|assisted\s+living|hospice|rehab|care[\s-]plan|visiting\s+hours|"
    r"dementia|alzheimer'?s|ALS|parkinson'?s|wheelchair|walker|oxygen|feeding\s+tube|hearing\s+aid|pacemaker|caregiv\w+|"
    r"aides?|the\s+home|respite|can't\s+(?:talk|walk|swallow|speak)|breathing)\b"
)
GENERIC_CARE = compile_pattern(r"(?i)\b(?:every|any|each|if|whenever|tips?|how\s+to|should|when\s+a)\b")
JOB_TITLE = compile_pattern(r"(?i)\b(?:therapist|nurse|physician|doctor|surgeon|hygienist|dentist|pharmacist|paramedic|"
                       r"coordinator|manager|director|hire|engineer|team|staff|colleague|counselor|counsellor|specialist|"
                       r"educator|scientist|technologist|technician|chaplain|dietitian|midwife|receptionist|recruiter|"
                       r"volunteer|founder|officer|advisor|adviser)s?\b")
THIRD_PERSON = compile_pattern(r"(?i)\b(?:he|she|him|he's|she's)\b")
# Sentences about people in general ("every driver", "if a child"), which hold no one patient.
GENERIC_PERSON = compile_pattern(r"(?i)\b(?:every|any|each|if|whenever|all|most|many|tips?|how\s+to|when\s+a|should)\b")
# Capitalised, these are how people name their own parent or grandparent ("and Mom still calls him").
_KIN_NAMES = frozenset("Mom Mommy Mum Mama Momma Dad Daddy Grandma Grandpa Granny Grandad Granddad Nana Abuela Abuelo "
                       "Abuelita Abuelito Nonna Nonno Oma Opa".split())
KIN_IDIOM = compile_pattern(r"(?i)['\u2019]s\s+Day|\s+(?:and|&|n)\s+Pop|\s+(?:jokes?|bods?|life|guilt|hacks?|friends?|groups?|brain|"
                       r"tips?|blogs?|influencers?|squad)\b|s\b")
PATIENT_CUES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (keywords, compile_pattern(source, re.IGNORECASE)) for keywords, source in _CUE_SOURCES
)
CITATION = compile_pattern(
    r"doi\.org|\bdoi:|\bPMID\b|\bet\s+al\b|\((?:[^()]{0,80}\b)?(?:19|20)\d{2}\)|\[\d{1,3}\]|\bsource:|\bstudy:|"
    r"\bpaper:|\bpublished\s+in\b|\bdata\s+on\s+file\b|\bclaim\s+id\b|https?://\S+",
    re.IGNORECASE,
)
URL = compile_pattern(r"\b(?:https?://|www\.)[^\s<>()\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ly|be|me|uk|ca|au|nz|ie|us|co|health|info|care|edu|gov|app|ai)/[^\s<>()\"']*", re.I)
# A full stop after an abbreviation ("vs.", "Dr.", "Sept.", "approx.") or an initial ("Frank O. came") ends no sentence.
_ABBREVIATIONS = (
    "vs", "Vs", "Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Sr", "Jr", "Prof", "approx", "Approx", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Rd", "Ave", "Blvd", "Ln", "yo", "y/o",
)
_SENTENCE_END = compile_pattern(
    r"(?<=[.!?])" + "".join(rf"(?<!\b{re.escape(word)}\.)" for word in _ABBREVIATIONS) + r"(?<!\b[A-Z]\.)\s+(?=\S)|\n+|\s+\|\s+"
)
AUTHORIZATION_IN_TEXT = compile_pattern(
    r"(?i)\bauthori[sz]ation\s*\(?\s*(?:id|#|no\.?|number|ref(?:erence)?)?\s*[:#]?\s*(?-i:[A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*)"
)
NEGATION = compile_pattern(
    r"\b(?:not|no|none|never|without(?!\s+(?:a\s+|any\s+)?(?:reservation|doubt|hesitation|question)s?\b)|nor|cannot|can't|couldn't|isn't|aren't|doesn't|don't|didn't|won't|wasn't|haven't|hasn't|"
    r"shouldn't|wouldn't|nobody|nothing|neither|pending|awaiting|seeking|whether|"
    # Tagalog: "hindi cure sa diabetes", "walang \"cure\"", "huwag/wag itigil"
    r"hindi|wala|walang|huwag|wag|"
    r"yet\s+to|not\s+yet)\b(?:(?!\b(?:and|but|while|yet|so|pero|y|aunque|sino|mientras)\b)[^.!?;:,\u2014\u2013]){0,40}$"
    # The supplement disclaimer negates a whole list: "not intended to diagnose, treat, cure or prevent any disease".
    r"|\b(?:not|isn't|aren't)\s+(?:intended|meant|designed)\s+to\s+(?:[a-z]+,?\s+(?:or\s+|and\s+)?){0,4}$"
    # A list of verbs one negation governs: "does not treat, cure or reverse diabetes", "won't fix, heal or cure it".
    r"|\b(?:not|never|doesn't|don't|won't|can't|cannot)\s+(?:[a-z]+,\s+){1,4}(?:or\s+|and\s+)?$"
    # ... and a list of verbs it governs: "will not cure anyone, shorten a stay, or guarantee a peaceful death".
    # "What it is not: a melasma cure, a facelift": a list of what something is not.
    r"|\b(?:isn't|is\s+not|aren't|are\s+not)\s*:\s*[^.!?;\n]{0,60}$"
    # "What it doesn't do: diagnose anything, treat anything, or replace your doctor.": a list of what it does not do
    r"|\b(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not|can't|cannot)\s+do\s*:\s*[^.!?;\n]{0,80}$"
    r"|\b(?:not|never|cannot|can't|won't|doesn't|don't)\s+[a-z]+(?:\s+[a-z]+){0,4}(?:,\s+[a-z]+(?:\s+[a-z'\u2019-]+){0,5}){1,3},?\s+(?:or|nor)\s+$"
    # Haitian Creole and French put the negation right before the verb: "li pa geri sik", "te a pa geri", "ne guérit pas".
    # Creole "pa" only after its subject (Spanish "pa curar" is "to cure").
    r"|(?:\b(?:li|yo|m|mwen|ou|w|nou|sa|a|la|te|grenn|okenn\s+\w+)\s+|[,;)]\s*)pa(?:\s+janm|\s+ka)?\s*[\"\u201c]?$"
    r"|\b(?:ne|n['\u2019])\s*[\"\u201c]?$",
    re.IGNORECASE,
)

# "People ask if X is FDA approved" reports a question; "X is FDA approved? It isn't." denies it right after.
QUESTIONED = compile_pattern(r"(?i)\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed)?)\s+(?:me\s+|us\s+)?(?:if|whether)\b"
                        r"[^.!?;]{0,50}$|\b(?:myth|false|wrong|misconception)\s*:\s*[^.!?;]{0,40}$")
# A list of words to avoid: "Things I've learned not to write:", "Words we never use:", "Things I deleted from drafts:".
WORDS_NOT_TO_USE = compile_pattern(
    r"(?i)(?:\b(?:not\s+to|never|don'?t|won'?t|stop|avoid|banned)\s+(?:\w+\s+)?(?:write|writing|say|saying|use|using|post|posting|"
    r"words?|phrases?)\b|\b(?:deleted|cut|removed|struck|crossed\s+out|took\s+out|red-?lined)\s+from\b)[^\n:]{0,60}:\s*\n"
    # "A few things you will NOT see in our ads, and why 🧵": a list heading, with or without its colon
    r"|\b(?:will\s+not|won'?t|never)\s+(?:see|find|read|hear)\s+(?:\w+\s+){0,3}?in\s+(?:our|my)\s+(?:ads?|posts?|copy|captions?|"
    r"marketing|videos?)\b[^\n]{0,60}\n"
)
# Words quoted or reported rather than said: 'the word "cure"', 'a post claiming vaccines cause…', 'the myth that…'.
REPORTED = compile_pattern(
    r"(?i)\bthe\s+(?:words?|phrases?|terms?|labels?)\s*[:\"'\u201c\u2018]?\s*$"
    r"|\b(?:posts?|videos?|ads?|articles?|tweets?|comments?|rumou?rs?|headlines?|influencers?|sellers?|accounts?|someone|people|"
    r"myths?|claims?)\s+(?:claiming|saying|suggesting|insisting|that\s+(?:claim|claims|claimed|say|says|said|suggest\w*))"
    r"\s+(?:that\s+)?[^.!?;]{0,20}$"
    r"|\b(?:myths?|rumou?rs?|misconceptions?|lies?)\s+that\s+[^.!?;]{0,20}$"
    # 'a lot of WhatsApp forwards this week about "sugar-free churans that cure diabetes."': the claim others pass on
    r"|\b(?:forwards?|messages?|posts?|videos?|ads?|questions?|rumou?rs?|claims?|chain\s+letters?)\s+(?:\w+\s+){0,3}?about\s+"
    r"[\"\u201c][^\"\u201d]{0,60}$"
    r"|\b(?:heard|overheard|read|saw)\b[^.!?:\n]{0,30}:\s*[\"\u201c][^\"\u201d]{0,60}$"
    # 'seeing "cure" in a few headlines', 'a few outlets wrote "FDA-approved Veylo"': the press's words, reported.
    r"|\b(?:seeing|saw|seen|noticed)\s+[\"\u201c]$"
    # 'pls stop calling it "fda approved"': words the author asks others to stop using
    r"|\b(?:stop|quit)\s+(?:calling|saying|writing|posting)\s+(?:it\s+|us\s+|this\s+|that\s+|them\s+)?[\"\u201c]?$"
    r"|\b(?:outlets?|headlines?|articles?|reporters?|journalists?|media|press|stories|coverage)\s+(?:\w+\s+)?"
    r"(?:wrote|write|called|call|calling|said|say|ran|reported|described|describing)\s+(?:it\s+|us\s+)?(?:as\s+)?[\"\u201c][^\"\u201d]{0,30}$"
    r"|\b(?:tells?|told|says?|said|saying|promises?|claims?|quot(?:e|es|ed|ing)|replied(?:\s+\w+)?\s+that)\s+(?:you\s+)?(?:it'?s|it\s+is|they'?re)?"
    r"\s*(?:[\w-]+\s+){0,3}?[\"\u201c][^\"\u201d]{0,30}$"
    # "Anyone promising a cure is selling something": a claim someone else makes, named to warn against it.
    r"|\b(?:anyone|anybody|someone|people|ads?|sellers?|companies|brands?|influencers?)(?:\s+(?!who\b)[\w']+){0,2}?\s+(?:who\s+(?:promise|sell|claim)s?|"
    r"promising|selling|offering|claiming|pushing)\s+(?:you\s+)?(?:a\s+|an\s+|the\s+)?(?:[^.!?;]{0,15}|[\"\u201c][^.!?;\"\u201d]{0,40})$"
)
# A claim the author quotes from their own earlier post, in a post correcting it.
RETRACTED_QUOTE = compile_pattern(
    r"(?i)\b(?:called|calling|call|said|says|wrote|described|labell?ed|posted|claimed|dije|llam[eé])\b[^.!?\"\u201c\u201d]{0,40}"
    r"[\"\u201c][^\"\u201d]{0,40}$"
    r"|\b(?:told|asked|advised|encouraged)\s+(?:people|you|everyone|folks|readers|patients)\s+to\s+$"
    # "I told grandparents they could skip their flu shot… That was wrong.": what the author said, unquoted
    r"|\b(?:I|we)\s+(?:told|said|wrote|posted|suggested|claimed)\b[^.!?\"\u201c\u201d]{0,60}$"
    # 'I called the patch "FDA approved" and said EbbScore was rolling out. Wrong on both.'
    r"|\band\s+(?:said|claimed|wrote|posted)\s+(?:that\s+)?[^.!?\"\u201c\u201d]{0,40}$"
    # "I was wrong to say skip the flu shot", "escribí que si ya te dio COVID no necesitas…", "galat likha tha ki … band kar
    # sakte hain": what the author said, in English, Spanish or Hinglish
    r"|\b(?:wrong|a\s+mistake|mistaken)\s+to\s+(?:say|write|post|tell\s+\w+)\s+(?:that\s+)?[^.!?]{0,20}$"
    r"|\b(?:escrib[i\u00ed]|dije|publiqu[e\u00e9]|puse)\s+que\s+[^.!?]{0,60}$|\b(?:likha|bola|kaha)\s+tha\s+ki\s+[^.!?]{0,80}$"
)
OPEN_QUOTE = compile_pattern(r"[\"\u201c][^\"\u201d]{0,40}$")
WARNED_AFTER = compile_pattern(
    r"(?i)[^\"\u201d\n]{0,40}[\"\u201d][^\n]{0,120}?\b(?:if\s+you\s+(?:see|hear|read)\s+(?:those|that|this|these|them|it)\b|red\s+flags?\b|"
    r"be\s+skeptical|keep\s+scrolling|run\s+the\s+other\s+way|walk\s+away|only\s+means|doesn'?t\s+mean|does\s+not\s+mean|"
    r"means\s+nothing|is\s+meaningless|"
    # '"Guaranteed results." Nobody can promise that', '"FDA registered." Registration is a listing, not an endorsement',
    # 'they say "FDA approved stem cells." almost no such thing exists', '…We've taken that phrase off our site.'
    r"(?:nobody|no\s+one)\s+can\s+(?:promise|guarantee)|can'?t\s+(?:promise|guarantee)|cannot\s+(?:promise|guarantee)|"
    r"not\s+an?\s+(?:endorsement|approval)|no\s+such\s+thing|(?:is|are)\s+(?:a\s+)?(?:myths?|lies?|scams?)\b|"
    r"(?:taken|took|removed|dropped|deleted)\s+(?:that|this|the|those|these)\s+(?:phrases?|words?|claims?|lines?)|"
    # 'a vendor pitched us a "guaranteed 100 lb loss" campaign. We said no.'
    r"we\s+(?:said|told\s+them)\s+no\b|we\s+(?:turned\s+(?:it|that|them)\s+down|declined|passed)\b|there\s+is\s+no\s+(?:such\s+)?guarantee)"
)
MEANS_LESS_AFTER = compile_pattern(
    r"(?i)[^.!?\n]{0,20}?\b(?:only\s+means|just\s+means|doesn'?t\s+mean|does\s+not\s+mean|(?:is|are)\s+not\s+an?\s+"
    r"(?:endorsement|approval)|(?:isn'?t|aren'?t)\s+an?\s+(?:endorsement|approval)"
    # '"FDA cleared" and "FDA approved" are not the same thing': the words compared, not claimed
    r"|(?:is|are)\s+not\s+the\s+same|(?:isn'?t|aren'?t)\s+the\s+same|(?:is|are)\s+(?:two\s+)?different\s+(?:things|pathways))\b"
)
# A claim the author took out: 'We've also removed "100% safe."', 'we dropped the line "never misses"'.
REMOVED_QUOTE = compile_pattern(
    r"(?i)\b(?:removed|dropped|deleted|struck|scrubbed|retired|took\s+out|taken\s+out)\s+(?:the\s+(?:words?|phrases?|claims?|"
    r"lines?|tagline)\s+)?[\"\u201c][^\"\u201d]{0,40}$"
    # 'asked her to change her label from "cures high blood pressure" to "herbal drink"'
    r"|\bchang\w*\s+(?:[\w']+\s+){0,3}from\s+[\"\u201c][^\"\u201d]{0,40}$"
)
CORRECTION = compile_pattern(
    r"(?i)\bcorrect(?:ion|ing)\b|\bcorrecci[oó]n\b|\bkorije\b|\bkoreksyon\b|\brectificatif\b|\bje\s+(?:me\s+)?corrige\b|\b(?:deleted|removed|took\s+down|taking\s+down)\s+(?:my|our|the|a)\s+(?:\w+\s+){0,3}?(?:post|tweet|video|caption|thread|reel|story|comment|reply)\b|\b(?:that|this|it)\s+(?:was|is)\s+(?:wrong|incorrect|inaccurate|a\s+mistake|not\s+true)\b"
    r"|\bI\s+was\s+wrong\b|\bmy\s+(?:mistake|error|bad)\b|\bI\s+misspoke\b|\bwe\s+got\s+(?:it|that)\s+wrong\b"
)
# Hindi and Hinglish deny after the words: '"no side effects" wali nahi hoti', 'diabetes ka cure nahi hai'.
# A bare "nahi" belongs to the claim ("koi side effect nahi" is "no side effects"); "nahi hai/hoti" denies it.
HINDI_DENIED_AFTER = compile_pattern(r"(?i)[^.!?\n]{0,14}\bnahi(?:n)?\s+(?:hai|hain|hoti|hota|hote|karta|karti|karte)\b")
# Korean denies after the words: '"FDA 승인"이 아니라', 'FDA 승인이나 클리어런스를 받지 않았고', '완치가 아니에요'.
KOREAN_DENIED_AFTER = compile_pattern(
    r"[\"'\u201d\u2019]?\s*(?:이|가|은|는|을|를|도)?\s*(?:아니|않|안\s|없)"
    r"|[\"'\u201d\u2019]?\s*(?:이나|나|이랑|과|와)\s+[\uac00-\ud7a3A-Za-z]+(?:\s?[\uac00-\ud7a3]+)?(?:을|를|이|가|도)?\s+(?:받지\s?않|못\s?받|없)"
)
# A claim inside a question someone asked, quoted: '"Bitter melon cure diabetes?"', '"Is the tea FDA approved?"'.
QUOTED_QUESTION_AFTER = compile_pattern(r"[^.!?\"\u201c\u201d\n]{0,30}\?\s*[\"\u201d]")
DENIED_AFTER = compile_pattern(r"(?i)[^.!?]{0,12}[.?!,;:\u2014-]?[\"'\u201d\u2019]?\s*(?:it|they|that|this)\s*(?:isn't|is\s+not|aren't|are\s+not|'s\s+not|"
                          r"wasn't|was\s+not)\b"
                          # '"Raw milk cures allergies." It doesn't.': a short sentence denying it
                          r"|[^.!?]{0,12}[.?!][\"'\u201d\u2019]?\s*(?:it|they|that|this)\s+(?:doesn't|does\s+not|don't|do\s+not|didn't|did\s+not|"
                          r"won't|can't|cannot)\s*[.!,;]"
                          r"|[^.!?]{0,12}[.?!][\"'\u201d\u2019]?\s*(?:no\s+es\s+(?:cierto|verdad)|es\s+(?:falso|mentira)|falso|mentira)\b|\s*[.?]\s*(?:(?:no|nope)\s*(?:[.!,]|$)|not\s+(?:yet|true|quite|so)\b)"
                          # A question answered no: "can we buy RTW Predict? Not yet."
                          r"|[^.!?\n]{0,24}\?\s*(?:(?:no|nope)\s*(?:[.!,]|$)|not\s+(?:yet|true|quite|so)\b)"
                          # 'Myth: "the flu jab gives you flu." ❌ It can't.': a quoted claim crossed out
                          r"|[^.!?\n]{0,12}[.?!]?[\"'\u201d\u2019]\s*[.?!]?\s*[\u274c\u2716\u2717\U0001F6AB]"
                          # '"sunscreen causes cancer." no good evidence for that.'
                          r"|[^.!?\n]{0,12}[.?!]?[\"'\u201d\u2019]\s*[.?!]?\s*(?:there'?s\s+)?(?:no|zero|little)\s+(?:good\s+|real\s+|solid\s+|"
                          r"credible\s+|scientific\s+)?evidence\b")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a registered product's name in the normalised text."""

    product: Product
    start: int
    end: int


# What Document computes from the text as first read (kept by ``as_patient_post``); everything else is a decision.
# The CRF item sequence is among them: both taggers were trained on posts as first read.
_TEXT_ANALYSES = frozenset({
    "original", "view", "text", "config", "context", "channel", "tokens", "token_features", "crf_items", "entities",
    "lower", "words", "patient_cues", "hashtags", "patient_authorized", "sentences", "citations", "urls", "mentions",
})

_CARRIED_OVER = frozenset({"phi_model"})


def _short_names(product: Product, products: tuple[Product, ...]) -> tuple[str, ...]:
    """Return the short forms a multi-word product name is said by, when each is a name of its own: capitalised, at least
    four letters, not an everyday word. The name without its first word ("Kinloom PolyHeart" -> "PolyHeart"; "Vantrel
    Pulse" is never just "Pulse"), and its first word alone ("Lumidra SepsiScreen" -> "Lumidra") when no other registered
    product's name starts with it ("Vireon Patch" and "Vireon Flow" are never just "Vireon") and it is no listed name, place
    or health word ("Smart Ringlet" is never just "Smart")."""
    from socialrx.core.compliance.tokens import COMMON_WORDS

    def own(word: str) -> bool:
        return word[:1].isupper() and len(word) >= 4 and word.lower() not in COMMON_WORDS

    others = {name.split()[0].lower() for other in products if other is not product for name in other.all_names if name.split()}
    shorts = []
    for name in product.all_names:
        first, _, rest = name.partition(" ")
        if rest and own(rest) and rest.lower() != first.lower():
            shorts.append(rest)
        if rest and own(first) and first.lower() not in others and not _listed(first):
            shorts.append(first)
    return tuple(shorts)


def _listed(word: str) -> bool:
    """Return whether a word is a listed given name, surname or place, or one of the health words: an everyday name for
    something ("Smart", "Mercy", "Jackson", "Sleep"), never a product's own."""
    from socialrx.core.compliance.tokens import fold, gazetteer, name_gazetteers

    folded = fold(word)
    return any(folded in listed for listed in name_gazetteers()) or folded in gazetteer("health_words")


class Document:
    """One post prepared for the rules: normalised view, sentences, cues, mentions and a finding factory."""

    def __init__(
        self, text: str, config: ComplianceConfig, context: CheckContext, channel: str | None, *,
        about_patient: bool = False,
    ) -> None:
        self.original = text
        # Set on the second pass of the engine, once the post is known to disclose a patient (see engine.check_text).
        self.about_patient = about_patient
        self.view: NormalisedText = normalise(text)
        self.text = self.view.text
        self.config = config
        self.context = context
        self.channel = (channel or "").lower() or None
        self.memo: dict[str, object] = {}

    def as_patient_post(self) -> Document:
        """Return this post again, now known to be about a patient: the text's analyses are kept, the decisions redone."""
        other = copy.copy(self)
        other.__dict__ = {key: value for key, value in self.__dict__.items() if key in _TEXT_ANALYSES}
        other.about_patient = True
        # The learned reader was trained on posts as first read; its spans carry over (and need not be read twice).
        other.memo = {key: value for key, value in self.memo.items() if key in _CARRIED_OVER}
        return other

    def finding(
        self, rule: str, family: Family, start: int, end: int, severity: Severity, message: str, fix: str
    ) -> Finding:
        """Return a finding whose normalised span [start, end) is mapped back to the original text."""
        original_start, original_end = self.view.original_span(start, end)
        return Finding(rule, family, original_start, original_end, severity, message, fix)

    def as_written(self, start: int, end: int) -> str:
        """Return the original text behind the normalised span [start, end) ("five oh three …" behind "503-…")."""
        original_start, original_end = self.view.original_span(start, end)
        return self.original[original_start:original_end]

    @cached_property
    def tokens(self) -> list[Token]:
        """Return the tokens of the normalised text (shared by the entity tagger and the learned PHI reader)."""
        return tokenize(self.text)

    @cached_property
    def token_features(self) -> list[list[str]]:
        """Return the tokens' word, shape, gazetteer and neighbour features (see ``tokens.token_features``)."""
        return token_features(self.tokens)

    @cached_property
    def crf_items(self) -> pycrfsuite.ItemSequence:
        """Return the tokens' features as one CRFsuite item sequence, built once for both taggers.

        The learned PHI reader's features (``phi_model.features``) extend the entity tagger's, and the claim reader's
        (``claim_model.features``) extend those; each model ignores the attributes it was not trained on, so one
        conversion serves all three.
        """
        from socialrx.core.compliance import claim_model  # the models read Documents

        return pycrfsuite.ItemSequence(claim_model.features(self, self.tokens))

    @cached_property
    def entities(self) -> tuple[Entity, ...]:
        """Return the person and place names the tagger finds in the normalised text."""
        return tag_entities(self.text, self.tokens, self.crf_items)

    @cached_property
    def lower(self) -> str:
        """Return the normalised text in lower case, for cheap keyword pre-checks."""
        return self.text.lower()

    @cached_property
    def words(self) -> frozenset[str]:
        """Return the set of lower-case alphanumeric words in the text."""
        return frozenset(re.findall(r"[a-z0-9]+", self.lower))

    def contains_any(self, keywords: tuple[str, ...]) -> bool:
        """Return whether any keyword occurs in the lower-cased text (a cheap gate before costly patterns)."""
        lower = self.lower
        for keyword in keywords:
            if keyword in lower:
                return True
        return False

    @cached_property
    def patient_cues(self) -> tuple[tuple[int, int], ...]:
        """Return the spans of words that place the post in a patient's context."""
        spans = [
            match.span()
            for keywords, pattern in PATIENT_CUES
            if self.contains_any(keywords)
            for match in pattern.finditer(self.text)
            if not self.in_hashtag(match.start())
        ]
        spans += self._kin_cues()
        spans += self._person_cues()
        from socialrx.core.compliance.roles import workplace_birthday  # roles imports this module

        if workplace_birthday(self):
            # A colleague's birthday: "she" and "born on" are the colleague's, not a patient's.
            spans = [span for span in spans if not self.text[span[0] : span[1]].lower().startswith("born")]
        else:
            spans += self._pronoun_cues()
        for match in PATIENT_NOUN.finditer(self.text):
            if PATIENT_DETERMINER.search(self.text, max(0, match.start() - 60), match.start()):
                spans.append(match.span())
        return tuple(sorted(spans))

    def _person_cues(self) -> list[tuple[int, int]]:
        """Return 'the driver', 'a little girl', 'old Mr.' and the like in a sentence about an injury or illness."""
        from socialrx.core.compliance.roles import health_count  # roles imports this module

        spans = []
        for match in ONE_PERSON.finditer(self.text):
            start, end = self.sentence_at(match.start())
            sentence = self.text[start:end]
            if health_count(sentence) and not GENERIC_PERSON.search(sentence):
                spans.append(match.span())
        return spans

    def _pronoun_cues(self) -> list[tuple[int, int]]:
        """Return 'he'/'she' in a sentence about illness or care in a first-person post (a writer's own person)."""
        from socialrx.core.compliance.roles import HEALTH_WORD, health_count  # roles imports this module

        if not FIRST_PERSON.search(self.text):
            return []
        spans = []
        decided: dict[int, bool] = {}
        for match in THIRD_PERSON.finditer(self.text):
            index = self.sentence_index(match.start())
            if index not in decided:
                # The sentence, with the one before it ("Ten days since hospice came. He squeezed my hand.").
                start, end = self.sentences[max(0, index - 1)][0], self.sentences[index][1]
                sentence = self.text[start:end]
                # Personal events (surgery, stroke, rehab) or care settings; job titles and 'clients' are not enough.
                personal = HEALTH_WORD.search(sentence) or CARE_SETTING.search(sentence)
                decided[index] = bool(personal or (health_count(sentence) and not JOB_TITLE.search(sentence))) and not (
                    GENERIC_CARE.search(sentence))
            if decided[index]:
                spans.append(match.span())
        return spans

    def _kin_cues(self) -> list[tuple[int, int]]:
        """Return family words used as names in a sentence about health or care (the writer's own relative)."""
        from socialrx.core.compliance.roles import health_count  # roles imports this module

        spans = []
        for match in KIN_AS_NAME.finditer(self.text):
            if self.in_hashtag(match.start()) or re.search(r"(?i)\b(?:your|ur|yr|tu|su)\s+$", self.text[max(0, match.start() - 6) : match.start()]):
                continue  # "your dad": the reader's relative, in a condolence or a reply
            index = self.sentence_index(match.start())
            start = self.sentences[index][0] if self.sentences else 0
            end = self.sentences[min(index + 1, len(self.sentences) - 1)][1] if self.sentences else len(self.text)
            # "Mom's", "Dad is", "Pop (": the family word is used as a name, whatever the sentence is about.
            used_as_name = re.match(r"['\u2019]s\b|\s*\(|\s+(?:is|was|has|had|got|went|came|fell|died|passed|turned|said|"
                                    r"started|finished|needs?|wants?|keeps?|still|just|never)\b", self.text[match.end() : match.end() + 12])
            word = match.group(0)
            named = word in _KIN_NAMES and not KIN_IDIOM.match(self.text, match.end())
            if named or used_as_name or health_count(self.text[start:end]):
                spans.append(match.span())
        return spans

    @property
    def has_patient_context(self) -> bool:
        """Return whether the post talks about an individual patient."""
        return self.about_patient or bool(self.patient_cues)

    @cached_property
    def hashtags(self) -> tuple[tuple[int, int], ...]:
        """Return the original-text spans of hashtags."""
        return tuple(match.span() for match in re.finditer(r"#\w+", self.original))

    def in_markup(self, position: int) -> bool:
        """Return whether a normalised position lies in a hashtag, a link or a handle (not in the post's prose)."""
        if self.in_hashtag(position) or self.in_url(position):
            return True
        return position > 0 and self.text[position - 1] == "@"

    def in_url(self, position: int) -> bool:
        """Return whether a normalised position lies inside a link."""
        return any(start <= position < end for start, end in self.urls)

    def in_hashtag(self, position: int) -> bool:
        """Return whether a normalised position lies inside a hashtag of the original text."""
        if not self.hashtags or position >= len(self.text):
            return False
        original = self.view.starts[position]
        return any(start < original < end for start, end in self.hashtags)

    @cached_property
    def patient_authorized(self) -> bool:
        """Return whether a patient's marketing authorization is on file or cited by ID in the text."""
        if self.context.patient_authorization_id or AUTHORIZATION_IN_TEXT.search(self.text):
            return True
        return any(name.lower() in self.lower for name in self.config.authorized_patient_stories)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Return the (start, end) of each sentence in the normalised text."""
        bounds: list[tuple[int, int]] = []
        cursor = 0
        for match in _SENTENCE_END.finditer(self.text):
            bounds.append((cursor, match.start()))
            cursor = match.end()
        bounds.append((cursor, len(self.text)))
        return tuple(bound for bound in bounds if bound[1] > bound[0])

    def sentence_index(self, position: int) -> int:
        """Return the index of the sentence containing a normalised position."""
        for index, (_, end) in enumerate(self.sentences):
            if position < end:
                return index
        return max(len(self.sentences) - 1, 0)

    def sentence_at(self, position: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence containing a normalised position."""
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(position)]

    def is_negated(self, start: int, end: int | None = None) -> bool:
        """Return whether the words at the position are negated, asked about, or denied right after."""
        before = self.text[max(0, start - 60) : start]
        if NEGATION.search(before[-50:]) or QUESTIONED.search(before) or REPORTED.search(before):
            return True
        return self.is_withdrawn(start, end)

    def is_withdrawn(self, start: int, end: int | None = None) -> bool:
        """Return whether the words at the position are taken back: denied right after, asked about in a quote, quoted
        to warn, or quoted from an earlier post in a correction (rules that must not read a plain negation use this)."""
        before = self.text[max(0, start - 60) : start]
        if RETRACTED_QUOTE.search(before) and CORRECTION.search(self.text):
            return True  # 'Correction: yesterday I called it "FDA approved." That was wrong.': a claim withdrawn
        if REMOVED_QUOTE.search(before):
            return True  # 'We've also removed "100% safe."': a claim taken out
        if end is None:
            return False
        if OPEN_QUOTE.search(before) and WARNED_AFTER.match(self.text, end):
            return True  # '"Guaranteed results." If you see those on a surgery ad, keep scrolling.': quoted to warn
        if OPEN_QUOTE.search(before) and WORDS_NOT_TO_USE.search(self.text, 0, start):
            return True  # 'Things I've learned not to write: "FDA approved" (it's cleared).': words listed to avoid
        if MEANS_LESS_AFTER.match(self.text, end):
            return True  # 'Our factory being FDA registered only means we are listed': the words explained away
        return bool(DENIED_AFTER.match(self.text, end) or QUOTED_QUESTION_AFTER.match(self.text, end)
                    or KOREAN_DENIED_AFTER.match(self.text, end) or HINDI_DENIED_AFTER.match(self.text, end))

    @cached_property
    def citations(self) -> tuple[tuple[int, int], ...]:
        """Return the spans of citations: DOIs, PMIDs, 'et al.', (Author, 2024), links, [1]."""
        return tuple(match.span() for match in CITATION.finditer(self.text))

    def is_cited_near(self, start: int, end: int, radius: int = 200) -> bool:
        """Return whether a citation lies within radius characters of the span."""
        return any(c_end >= start - radius and c_start <= end + radius for c_start, c_end in self.citations)

    @cached_property
    def urls(self) -> tuple[tuple[int, int], ...]:
        """Return the spans of links in the normalised text."""
        return tuple((m.start(), m.end() - len(m.group(0)) + len(m.group(0).rstrip(".,;:!?"))) for m in URL.finditer(self.text))

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Return every mention of a registered product, in text order."""
        found: list[Mention] = []
        for product in self.config.products:
            for name in product.all_names:
                pattern = r"(?<![\w])" + r"[\s\-_]*".join(re.escape(part) for part in name.split()) + r"(?![a-z])"
                for match in re.finditer(pattern, self.text, re.IGNORECASE):
                    found.append(Mention(product, match.start(), match.end()))
            for short in _short_names(product, self.config.products):
                # "Kinloom PolyHeart" said as "PolyHeart": the product without its maker's name, written as a name.
                for match in re.finditer(r"(?<![\w])" + re.escape(short) + r"(?![\w])", self.text):
                    if not any(m.start <= match.start() < m.end for m in found):
                        found.append(Mention(product, match.start(), match.end()))
        return tuple(sorted(found, key=lambda mention: mention.start))

    def product_near(self, position: int) -> Product | None:
        """Return the product a claim at the position is about: same sentence first, else the only one."""
        sentence = self.sentence_index(position)
        in_sentence = [m for m in self.mentions if self.sentence_index(m.start) == sentence]
        if in_sentence:
            return min(in_sentence, key=lambda mention: abs(mention.start - position)).product
        products = {mention.product for mention in self.mentions}
        return next(iter(products)) if len(products) == 1 else None

    def is_own_domain(self, host: str) -> bool:
        """Return whether a host name is one of ours (or a subdomain of one)."""
        host = host.lower().removeprefix("www.")
        return any(host == domain.lower() or host.endswith("." + domain.lower()) for domain in self.config.own_domains)
