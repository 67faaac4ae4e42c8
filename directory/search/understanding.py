"""Reading what people type: ages written into the query, and needs said in words.

"someone is making me sell drugs" never mentions exploitation, but that is the
help the person needs; these rules add the matching category to the query.
"""
from __future__ import annotations

import re

_AGE_PATTERNS = (
    re.compile(r"\b(?:i\s*am|i'?m|im|aged?)\s+(\d{1,2})\b(?:\s*(?:years?|yrs?)(?:\s*old)?)?", re.I),
    re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?)\s*-?\s*olds?\b|\b(\d{1,2})\s*yo\b", re.I),
)

# (pattern, category slug). Patterns are matched on the lower-cased query.
INTENT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), slug)
    for pattern, slug in (
        (r"\b(mak|made|forc|told|pressur|threat)\w*\b.*\b(sell|deal|run|carry|hold|deliver)", "exploitation"),
        (r"\b(sell|sold|selling|deal|dealing|run|running|carry|carrying)\w*\s+(drugs?|gear|stuff|packages?|parcels?)\b", "exploitation"),
        (r"\bcounty\s*lines?\b|\bcuckoo|\btrap\s*house|\bgroom|\bowe\b.*\b(money|debt)|\bdebt\s*bondage", "exploitation"),
        (r"\b(knife|knives|blade|stab|stabbed|stabbing|shank|weapon)", "knife-crime"),
        (r"\b(kill|hurt|harm|cut|cutting)\w*\s+(myself|my\s*self)\b|\bsuicid|\bend\s+(it|my\s+life)\b|\bwant\s+to\s+die\b", "crisis"),
        (r"\b(hurt|harm|cut|cutting)\w*\s+(myself|my\s*self)\b|\bself[\s-]?harm|\banxi|\bdepress|\bpanic|\blonely", "mental-health"),
        (r"\b(kicked|thrown)\s+out\b|\bnowhere\s+to\s+(live|sleep|stay|go)\b|\bhomeless|\bsofa\s*surf", "housing"),
        (r"\b(hits?|hitting|beats?|beating|hurts?|hurting)\s+(me|my\s+(mum|mom|dad|mother|father|sister|brother))\b|\bdomestic", "domestic-abuse"),
        (r"\bbull(y|ied|ies|ying)\b|\bpicked\s+on\b", "bullying"),
        (r"\b(weed|skunk|spice|ket|coke|pills|vap(e|ing)|drunk|drinking|alcohol|high|stoned)\b", "drugs-alcohol"),
        (r"\b(look\s+after|care\s+for|caring\s+for)\s+(my|a)\b", "young-carers"),
        (r"\b(gay|lesbian|bi|bisexual|trans|queer|non[\s-]?binary|coming\s+out)\b", "lgbtq"),
        (r"\b(pregnan|condom|contracept|sti|std|chlamydia|morning\s+after)", "sexual-health"),
        (r"\b(arrested|police\s+station|court|tagged|youth\s+offending|referral\s+order)", "youth-justice"),
    )
)


def extract_age(text: str) -> tuple[str, int | None]:
    """Pull "I am 15" or "15 year old" out of the query: (remaining text, age)."""
    for pattern in _AGE_PATTERNS:
        match = pattern.search(text)
        if match:
            digits = next(g for g in match.groups() if g)
            remaining = (text[: match.start()] + " " + text[match.end():]).strip()
            return " ".join(remaining.split()), int(digits)
    return text, None


def intents(text: str) -> list[str]:
    """Category slugs whose need the text describes, in rule order, without repeats."""
    lowered = text.lower()
    found: list[str] = []
    for pattern, slug in INTENT_RULES:
        if slug not in found and pattern.search(lowered):
            found.append(slug)
    return found
