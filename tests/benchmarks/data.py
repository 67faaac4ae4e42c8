"""Synthetic youth-services directories for the benchmark, inserted with Core bulk inserts.

Everything is made from a seeded random generator, so a given size always gives
the same directory. Text is composed from word lists about youth services in
Essex towns, so the index holds realistic vocabulary (and realistic posting-list
lengths for words like "young", "youth" and the town names).
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import insert

from directory.extensions import db
from directory.geo.models import Area
from directory.listings.models import (
    Category,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceStatus,
    service_area,
    service_at_location,
    service_category,
)

BATCH = 5000

# (slug, name, ons_code, official_name, authority_type, [(town, lat, lon), ...], postcode districts)
AREAS = (
    ("basildon", "Basildon", "E07000066", "Basildon Borough Council", "non-metropolitan district",
     [("Basildon", 51.576, 0.488), ("Billericay", 51.628, 0.419), ("Wickford", 51.611, 0.521)],
     ["SS14", "SS15", "SS16", "CM11", "CM12", "SS11", "SS12"]),
    ("braintree", "Braintree", "E07000067", "Braintree District Council", "non-metropolitan district",
     [("Braintree", 51.878, 0.553), ("Witham", 51.800, 0.640), ("Halstead", 51.945, 0.640)],
     ["CM7", "CM8", "CO9"]),
    ("brentwood", "Brentwood", "E07000068", "Brentwood Borough Council", "non-metropolitan district",
     [("Brentwood", 51.621, 0.305), ("Ingatestone", 51.668, 0.384)],
     ["CM13", "CM14", "CM15", "CM4"]),
    ("castle-point", "Castle Point", "E07000069", "Castle Point Borough Council",
     "non-metropolitan district",
     [("Canvey Island", 51.520, 0.580), ("Benfleet", 51.554, 0.560)], ["SS7", "SS8"]),
    ("chelmsford", "Chelmsford", "E07000070", "Chelmsford City Council", "non-metropolitan district",
     [("Chelmsford", 51.736, 0.469), ("South Woodham Ferrers", 51.650, 0.610)],
     ["CM1", "CM2", "CM3"]),
    ("colchester", "Colchester", "E07000071", "Colchester Borough Council", "non-metropolitan district",
     [("Colchester", 51.889, 0.901), ("Tiptree", 51.810, 0.750), ("Wivenhoe", 51.856, 0.959)],
     ["CO1", "CO2", "CO3", "CO4", "CO5"]),
    ("epping-forest", "Epping Forest", "E07000072", "Epping Forest District Council",
     "non-metropolitan district",
     [("Epping", 51.700, 0.110), ("Loughton", 51.650, 0.070), ("Waltham Abbey", 51.687, 0.010)],
     ["CM16", "IG10", "EN9"]),
    ("harlow", "Harlow", "E07000073", "Harlow District Council", "non-metropolitan district",
     [("Harlow", 51.770, 0.110)], ["CM17", "CM18", "CM19", "CM20"]),
    ("maldon", "Maldon", "E07000074", "Maldon District Council", "non-metropolitan district",
     [("Maldon", 51.731, 0.677), ("Burnham-on-Crouch", 51.630, 0.810)], ["CM9", "CM0"]),
    ("rochford", "Rochford", "E07000075", "Rochford District Council", "non-metropolitan district",
     [("Rochford", 51.582, 0.706), ("Rayleigh", 51.586, 0.604)], ["SS4", "SS5", "SS6"]),
    ("tendring", "Tendring", "E07000076", "Tendring District Council", "non-metropolitan district",
     [("Clacton-on-Sea", 51.790, 1.150), ("Harwich", 51.940, 1.240),
      ("Frinton-on-Sea", 51.830, 1.240)], ["CO15", "CO12", "CO13", "CO16"]),
    ("uttlesford", "Uttlesford", "E07000077", "Uttlesford District Council", "non-metropolitan district",
     [("Saffron Walden", 52.022, 0.243), ("Great Dunmow", 51.873, 0.363)],
     ["CB10", "CB11", "CM6"]),
    ("southend-on-sea", "Southend-on-Sea", "E06000033", "Southend-on-Sea City Council",
     "unitary authority",
     [("Southend-on-Sea", 51.540, 0.710), ("Leigh-on-Sea", 51.542, 0.650),
      ("Shoeburyness", 51.531, 0.795)], ["SS0", "SS1", "SS2", "SS9"]),
    ("thurrock", "Thurrock", "E06000034", "Thurrock Council", "unitary authority",
     [("Grays", 51.475, 0.330), ("Tilbury", 51.463, 0.360), ("Stanford-le-Hope", 51.520, 0.430)],
     ["RM16", "RM17", "RM18", "SS17"]),
)

# (slug, name, keywords, name nouns, summary phrases, description sentences)
CATEGORIES = (
    ("youth-clubs", "Youth clubs", "youth club centre drop-in hang out things to do after school",
     ["Youth Club", "Youth Centre", "Drop-in", "Junior Youth Club", "Friday Night Project", "Youth Café"],
     ["A friendly youth club with games, food and trips", "A safe place to hang out after school",
      "Drop-in evenings with pool, table tennis and music"],
     ["Come along with a friend or on your own.", "Youth workers are always around to talk.",
      "We run trips in the holidays and a summer scheme."]),
    ("sport", "Sport and activity", "sport football basketball boxing swimming gym fitness dance",
     ["Football Club", "Boxing Club", "Basketball Sessions", "Street Dance", "Swimming Club",
      "Multi-sports Evenings", "Cricket Club", "Girls' Football"],
     ["Football coaching and friendly matches", "Boxing fitness sessions with qualified coaches",
      "Basketball, netball and dance sessions", "Swimming lessons and fun sessions"],
     ["No experience needed and kit can be lent.", "Sessions are led by qualified coaches.",
      "Football and basketball on the floodlit courts every week."]),
    ("arts", "Arts, music and drama", "art music drama theatre band singing photography film",
     ["Music Studio", "Drama Group", "Art Club", "Youth Theatre", "Film Makers", "Band Project"],
     ["Music production, recording and band practice", "Drama, acting and a show every term",
      "Art, photography and film making"],
     ["Use our recording studio and instruments for free.", "Put on a show at the end of term.",
      "Learn photography, film and digital art."]),
    ("counselling", "Counselling and someone to talk to",
     "counselling counsellor talk therapy listening support worries",
     ["Counselling Service", "Young People's Counselling", "Talking Space", "Listening Service"],
     ["Free confidential counselling for young people", "Someone to talk to about anything worrying you",
      "Short-term counselling with trained counsellors"],
     ["Our counsellors are trained to work with young people.",
      "You can talk about anything: family, school, friends or feelings.",
      "Sessions are confidential and last up to an hour."]),
    ("mental-health", "Mental health", "mental health anxiety depression self-harm panic wellbeing stress",
     ["Wellbeing Hub", "Mental Health Support", "Anxiety Group", "Mind Matters"],
     ["Support with anxiety, low mood and stress", "Emotional wellbeing support in school and online",
      "A peer support group for young people with anxiety"],
     ["We help with anxiety, depression, self-harm and panic attacks.",
      "Talk to a mental health practitioner without a GP referral.",
      "Wellbeing workshops run every half term."]),
    ("crisis", "Crisis and urgent help", "crisis urgent emergency suicide helpline 24 hours",
     ["Crisis Line", "Urgent Support", "Night Line"],
     ["Urgent support if you feel unsafe or in crisis", "A 24 hour helpline for young people"],
     ["If you are in danger now call 999.", "Trained volunteers answer day and night.",
      "You do not have to give your name."]),
    ("drugs-alcohol", "Drugs and alcohol",
     "drugs alcohol drinking cannabis weed vaping substance misuse advice",
     ["Drugs and Alcohol Service", "Substance Advice", "Young People's Drug Service"],
     ["Confidential advice about drugs and alcohol", "Support to cut down on cannabis, alcohol or vaping",
      "Honest information about drugs without judgement"],
     ["We will not tell your parents or school unless you are at risk.",
      "Workers can meet you at school, at home or in town.",
      "Get advice about drugs, alcohol, cannabis and vaping."]),
    ("exploitation", "Exploitation and county lines",
     "exploitation county lines grooming criminal exploitation gangs cuckooing",
     ["Exploitation Support", "County Lines Project", "Safe Choices", "Rescue and Response"],
     ["Support for young people being exploited or groomed",
      "Help for young people caught up in county lines", "A trusted adult if someone is using you"],
     ["If someone is making you carry, hold or sell drugs, it is not your fault.",
      "Our workers help young people get out of county lines and gangs.",
      "We work with families, schools and the police to keep you safe."]),
    ("knife-crime", "Knife crime and violence", "knife crime violence weapons gangs stabbing safety",
     ["Knife Crime Project", "Violence Reduction Mentoring", "Street Safe"],
     ["Mentoring for young people affected by violence", "Workshops on knife crime and staying safe"],
     ["Mentors have lived experience of violence and gangs.",
      "Talk about carrying a knife without being judged.", "We visit schools and youth clubs."]),
    ("bullying", "Bullying", "bullying bullied cyberbullying online abuse friendship",
     ["Anti-bullying Service", "Bullying Support"],
     ["Help if you are being bullied at school or online", "Support with cyberbullying and friendships"],
     ["Being bullied is never your fault.", "We can help you talk to your school.",
      "Find out how to report online abuse."]),
    ("domestic-abuse", "Domestic abuse", "domestic abuse violence home safety refuge relationships",
     ["Domestic Abuse Support", "Safe Relationships", "Young People's Refuge Outreach"],
     ["Support if there is abuse at home or in a relationship",
      "Help for young people living with domestic abuse"],
     ["If someone at home is hurting you or your family we can help.",
      "Learn what a healthy relationship looks like.", "Outreach workers can meet you somewhere safe."]),
    ("housing", "Housing and homelessness",
     "housing homeless homelessness accommodation sofa surfing hostel",
     ["Housing Advice", "Young People's Hostel", "Nightstop"],
     ["Advice if you have nowhere to stay tonight", "Supported housing for young people aged 16 to 25"],
     ["If you have been kicked out or are sofa surfing, contact us.",
      "We help with housing applications and benefits.", "Emergency beds are sometimes available."]),
    ("sexual-health", "Sexual health", "sexual health contraception condoms sti testing pregnancy clinic",
     ["Sexual Health Clinic", "C-Card Service", "Young People's Clinic"],
     ["Free condoms, contraception and STI testing", "A drop-in sexual health clinic for under 25s"],
     ["Everything is confidential, including for under 16s.",
      "Get free condoms with a C-Card.", "Pregnancy tests and emergency contraception are free."]),
    ("lgbtq", "LGBTQ+ support", "lgbtq gay lesbian bisexual trans queer coming out",
     ["LGBTQ+ Youth Group", "Pride Youth", "Rainbow Group"],
     ["A social group for LGBTQ+ young people", "Support with coming out and gender identity"],
     ["Meet other LGBTQ+ young people in a safe space.",
      "Talk about coming out, gender and sexuality.", "Parents and carers can get support too."]),
    ("young-carers", "Young carers", "young carers caring looking after family",
     ["Young Carers Group", "Young Carers Support"],
     ["Breaks and support for young carers", "Help if you look after someone at home"],
     ["If you look after a parent, brother or sister, you may be a young carer.",
      "We run trips and activity days for young carers.", "Get help at school with caring."]),
    ("youth-justice", "Youth justice", "youth offending court police arrested referral order",
     ["Youth Offending Team", "Youth Justice Mentoring", "Appropriate Adult Service"],
     ["Support if you have been arrested or are going to court",
      "Mentoring for young people on a referral order"],
     ["We can support you at the police station and in court.",
      "Workers help you stay out of trouble and into education.", "Victims can get support too."]),
    ("education", "Education and training", "education school college training courses tuition homework",
     ["Homework Club", "Learning Centre", "Skills Academy"],
     ["Homework help and tutoring", "Courses for young people not in school or college"],
     ["Get help with English and maths.", "Catch up if you have missed school.",
      "Gain a qualification in a small friendly group."]),
    ("employment", "Jobs and careers",
     "jobs careers employment apprenticeships cv interview work experience",
     ["Careers Hub", "Job Club", "Apprenticeship Support"],
     ["Careers advice, CV help and apprenticeships", "Help finding work experience and jobs"],
     ["Get help writing a CV and practising interviews.",
      "Find apprenticeships and work experience near you.", "Advisers are available every weekday."]),
)

GENERIC_SENTENCES = (
    "Open to young people from across {area}.",
    "Based in {town}, close to the bus station.",
    "You can self-refer, or a parent, teacher or social worker can refer you.",
    "Sessions are free unless stated otherwise.",
    "All our staff are DBS checked and trained in safeguarding.",
    "The building is wheelchair accessible.",
    "Young people with special educational needs are welcome.",
    "Bring a friend if it helps you feel more comfortable.",
    "Contact us first if you would like to visit before joining.",
    "Run by local people who care about young people in {town}.",
)

ORG_NOUNS = ("Youth Trust", "Community Partnership", "Young People's Foundation", "Youth Service",
             "CIC", "Community Association", "Charity", "Network")
ADJECTIVES = ("", "", "", "Young People's ", "Teen ", "Community ", "Junior ", "Evening ")


@dataclass
class Inserted:
    services: int
    active: int
    rows: dict[str, int]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _batched_insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start : start + BATCH])


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")


def _modes(rng: random.Random) -> str:
    chosen = [m for m, p in (("in_person", 0.8), ("online", 0.3), ("phone", 0.35)) if rng.random() < p]
    return ",".join(chosen or ["in_person"])


def _schedules(rng: random.Random, service_id: str, crisis: bool) -> list[dict]:
    if crisis and rng.random() < 0.5:  # a 24/7 line
        return [
            {"id": str(uuid.uuid4()), "service_id": service_id, "weekday": day,
             "opens_at": time(0), "closes_at": time(0)}
            for day in range(7)
        ]
    rows = []
    for day in rng.sample(range(7), rng.randint(0, 4)):
        opens = rng.randint(9, 19)
        closes = min(23, opens + rng.randint(2, 4))
        rows.append({"id": str(uuid.uuid4()), "service_id": service_id, "weekday": day,
                     "opens_at": time(opens, rng.choice((0, 30))), "closes_at": time(closes)})
    return rows


def populate(count: int, seed: int = 20260) -> Inserted:
    """Insert ``count`` synthetic services (plus areas, categories, organisations,
    locations, schedules) into the current app's database and commit."""
    rng = random.Random(seed + count)
    now = _now()

    area_rows = []
    towns = []  # (area index, town, lat, lon, districts)
    for i, (slug, name, ons, official, kind, area_towns, districts) in enumerate(AREAS):
        area_rows.append({"id": str(uuid.uuid4()), "slug": slug, "name": name, "ons_code": ons,
                          "official_name": official, "authority_type": kind,
                          "postcode_districts": ""})
        towns.extend((i, town, lat, lon, districts) for town, lat, lon in area_towns)
    category_rows = [
        {"id": str(uuid.uuid4()), "slug": slug, "name": name, "keywords": keywords,
         "description": f"Services about {name.lower()}.", "sort_order": order}
        for order, (slug, name, keywords, *_rest) in enumerate(CATEGORIES)
    ]
    org_rows = []
    for i in range(max(20, count // 10)):
        _, town, *_ = rng.choice(towns)
        org_rows.append({"id": str(uuid.uuid4()), "name": f"{town} {rng.choice(ORG_NOUNS)} {i + 1}",
                         "description": f"A local organisation working with young people in {town}.",
                         "url": None, "email": None, "is_fictional": True})

    services, s_areas, s_cats, locations, s_locs, schedules = [], [], [], [], [], []
    for i in range(count):
        sid = str(uuid.uuid4())
        area_i, town, t_lat, t_lon, districts = rng.choice(towns)
        area_name = AREAS[area_i][1]
        cat_idx = rng.sample(range(len(CATEGORIES)), rng.choice((1, 1, 2)))
        main = CATEGORIES[cat_idx[0]]
        name = f"{town} {rng.choice(ADJECTIVES)}{rng.choice(main[3])}"
        min_age = rng.randint(8, 18)
        max_age = rng.randint(max(16, min_age), 25)
        free = rng.random() < 0.75
        sentences = [rng.choice(CATEGORIES[c][5]) for c in cat_idx]
        sentences += [s.format(town=town, area=area_name) for s in rng.sample(GENERIC_SENTENCES, 3)]
        rng.shuffle(sentences)
        county_wide = rng.random() < 0.03
        created = now - timedelta(days=rng.randint(0, 900))
        services.append({
            "id": sid,
            "organization_id": rng.choice(org_rows)["id"],
            "name": name,
            "slug": f"{_slug(name)}-{i}"[:120],
            "summary": f"{rng.choice(main[4])} for young people aged {min_age} to {max_age} in {town}."[:300],
            "description": " ".join(sentences),
            "url": None,
            "email": None,
            "status": ServiceStatus.INACTIVE if rng.random() < 0.05 else ServiceStatus.ACTIVE,
            "minimum_age": min_age,
            "maximum_age": max_age,
            "eligibility_description": "",
            "is_free": free,
            "fees_description": "" if free else f"£{rng.randint(1, 6)} a session",
            "delivery_modes": _modes(rng),
            "languages": "en",
            "county_wide": county_wide,
            "commissioned_by": "VVU" if main[0] in ("exploitation", "knife-crime") and rng.random() < 0.5 else None,
            "assured_date": None,
            "assurer_email": None,
            "alert": "",
            "schedule_notes": "",
            "safeguarding_policy": True,
            "staff_dbs_checked": True,
            "safeguarding_lead": "Safeguarding lead",
            "created_at": created,
            "updated_at": created,
            "version": 1,
        })
        if not county_wide:
            area_ids = {area_i} | ({rng.randrange(len(AREAS))} if rng.random() < 0.3 else set())
            s_areas.extend({"service_id": sid, "area_id": area_rows[a]["id"]} for a in area_ids)
        s_cats.extend({"service_id": sid, "category_id": category_rows[c]["id"]} for c in cat_idx)
        if rng.random() < 0.8:
            lid = str(uuid.uuid4())
            lat = min(52.05, max(51.45, t_lat + rng.uniform(-0.04, 0.04)))
            lon = min(1.25, max(0.0, t_lon + rng.uniform(-0.06, 0.06)))
            locations.append({
                "id": lid, "name": f"{town} {rng.choice(('Youth Centre', 'Community Hall', 'Library', 'Leisure Centre', 'Hub'))}",
                "address_1": f"{rng.randint(1, 200)} {rng.choice(('High Street', 'Station Road', 'Church Lane', 'Park Road', 'London Road'))}",
                "address_2": "", "city": town,
                "postal_code": f"{rng.choice(districts)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "latitude": round(lat, 6), "longitude": round(lon, 6), "accessibility": "",
                "confidential": rng.random() < 0.05, "area_id": area_rows[area_i]["id"],
            })
            s_locs.append({"service_id": sid, "location_id": lid})
        schedules.extend(_schedules(rng, sid, main[0] == "crisis"))

    _batched_insert(Area.__table__, area_rows)
    _batched_insert(Category.__table__, category_rows)
    _batched_insert(Organization.__table__, org_rows)
    _batched_insert(Service.__table__, services)
    _batched_insert(Location.__table__, locations)
    _batched_insert(service_area, s_areas)
    _batched_insert(service_category, s_cats)
    _batched_insert(service_at_location, s_locs)
    _batched_insert(Schedule.__table__, schedules)
    db.session.commit()
    return Inserted(
        services=count,
        active=sum(1 for s in services if s["status"] is ServiceStatus.ACTIVE),
        rows={"organization": len(org_rows), "service": len(services), "location": len(locations),
              "service_area": len(s_areas), "service_category": len(s_cats),
              "schedule": len(schedules)},
    )
