"""Starter content for Signpost: area hubs, guides and campaigns.

Pure data. Written in plain, kind English for a reader of about 13, following the
themes of the Essex county scrutiny review of county lines and exploitation.

Rules the data keeps (checked by tests/content/test_starter.py):

* Markdown is limited to paragraphs, ``##``/``###`` headings, lists, bold, italic
  and links. Links go only to ``https://``, ``tel:`` or ``mailto:``.
* The only phone numbers are real national or Essex numbers: 999, 101,
  Childline 0800 1111, Crimestoppers 0800 555 111, FRANK 0300 123 6600 and
  Samaritans 116 123. No number is invented.
* Event places are left as "venue to be confirmed": an editor must add the real
  venue before an event is published.
"""

from __future__ import annotations


# The same local contacts appear on every hub. They are national or Essex-wide
# numbers, so they are right for every area.
_CONTACTS_DISTRICT = """- **In an emergency:** call [999](tel:999)
- **Report anonymously:** Crimestoppers on [0800 555 111](tel:0800555111), or use [Fearless](https://www.fearless.org) if you are young
- **Childline:** [0800 1111](tel:08001111), free and open any time
- **Essex Police (non-emergency):** call [101](tel:101)
- **FRANK drugs advice:** [0300 123 6600](tel:03001236600)
- **Samaritans:** [116 123](tel:116123), free, any time
- Your district council's community safety team"""

_CONTACTS_UNITARY = """- **In an emergency:** call [999](tel:999)
- **Report anonymously:** Crimestoppers on [0800 555 111](tel:0800555111), or use [Fearless](https://www.fearless.org) if you are young
- **Childline:** [0800 1111](tel:08001111), free and open any time
- **Essex Police (non-emergency):** call [101](tel:101)
- **FRANK drugs advice:** [0300 123 6600](tel:03001236600)
- **Samaritans:** [116 123](tel:116123), free, any time
- Your council's community safety team"""

# Every guide ends with this section.
_GET_HELP_NOW = """## Get help now

- If someone is in danger right now, call [999](tel:999).
- Talk to [Childline](https://www.childline.org.uk) on [0800 1111](tel:08001111). It is free and open any time.
- Tell Crimestoppers what you know on [0800 555 111](tel:0800555111), or use [Fearless](https://www.fearless.org). You do not have to give your name."""


HUBS: list[dict] = [
    {
        "area": "basildon",
        "title": "County lines and staying safe in Basildon",
        "summary": "What county lines is, the signs to look out for, and where young people and families in Basildon, Wickford and Billericay can get help.",
        "body": """Most young people in Basildon, Wickford and Billericay are never involved with gangs or drugs. But some are targeted, and it helps to know what to look out for.

## What is county lines?

*County lines* is when gangs from big cities use a phone number, called a "line", to sell drugs in towns like ours. It works like a franchise. The gang runs the business and gets other people to do the risky work.

Gangs often groom young people to carry drugs and money for them. These young people are sometimes called "runners". The gang may promise money, gifts, status or friendship. Later they trap the young person with a made-up debt and threats. This is called *debt bondage*. It is never the young person's fault.

## Signs to look out for

- New phones, money or clothes they cannot explain
- Going missing, or travelling to places they do not know
- New older friends, or being secretive about their phone
- Changes in mood, or missing school

## What is happening locally

Basildon Borough Council is working with Essex Police and partners to keep young people safe and to stop people who exploit them.

## Find help near you

Use the Signpost directory to find youth clubs, sport, mental health support and drug and alcohol services in Basildon. If you are worried about someone, tell an adult you trust or use the contacts on this page. You can report what you know without giving your name.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Parents' evening: spotting the signs of exploitation",
                "days_from_now": 21,
                "place": "Basildon town centre (venue to be confirmed)",
                "details": "A free, friendly talk for parents and carers about county lines, grooming and where to get help. No need to book.",
            },
        ],
    },
    {
        "area": "braintree",
        "title": "County lines and staying safe in Braintree",
        "summary": "A simple guide to county lines and exploitation for young people and families in Braintree, Witham and Halstead, with local help and who to call.",
        "body": """Braintree, Witham and Halstead are good places to grow up. Most young people here stay well away from gangs and drugs. This page explains one risk to know about, and where to find help.

## What does "county lines" mean?

Gangs from cities use mobile phone numbers, called "lines", to sell drugs in smaller towns. The gang is like a business with branches in different towns. To stay hidden, gangs get young people to carry drugs and cash for them.

It usually starts with something that feels nice. A new older friend. Free food, trainers or phone credit. Then the "friend" says you owe them, and the threats begin. This trap is called *debt bondage*.

## How to spot it

Parents, carers and teachers can look out for:

- money, phones or clothes that cannot be explained
- staying out late, going missing or taking trips to unknown places
- a sudden change in friends, mood or school attendance
- injuries they will not talk about

## Working together

Braintree District Council is working with Essex Police and partners, including schools and youth services, to protect young people and stop exploitation.

## Local support

Search the Signpost directory for youth clubs, sport, arts, counselling and family support in Braintree. If something does not feel right, speak to someone. Help is free, and you can stay anonymous.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Youth drop-in: talk to a youth worker",
                "days_from_now": 14,
                "place": "Witham (venue to be confirmed)",
                "details": "Come along to chat about staying safe, friendships and anything on your mind. Free and open to ages 11 to 18.",
            },
            {
                "title": "Parents' information session on county lines",
                "days_from_now": 45,
                "place": "Braintree (venue to be confirmed)",
                "details": "Learn the signs of grooming and exploitation, and who to call if you are worried about a child.",
            },
        ],
    },
    {
        "area": "brentwood",
        "title": "County lines and staying safe in Brentwood",
        "summary": "What young people and parents in Brentwood should know about county lines, grooming and cuckooing, and where to get help.",
        "body": """Brentwood is a safe place for most young people. But gangs who sell drugs look for young people and adults they can use, even in quieter towns. Knowing the signs helps everyone stay safe.

## County lines in plain words

A *county line* is a phone number that a gang uses to sell drugs. The gang is often based in a city and sends drugs out to towns. It runs like a franchise, with other people doing the dangerous jobs.

Young people are groomed to carry drugs and money. At first they are offered money, gifts or a feeling of belonging. Then they are told they owe a debt. They are threatened if they try to stop.

## What is cuckooing?

*Cuckooing* is when a gang takes over the home of a vulnerable adult, such as someone who is lonely, ill or has a disability. They use the home to store or sell drugs. Signs include lots of visitors, new faces and people coming and going at all hours.

## What is being done

Brentwood Borough Council is working with Essex Police and partners to spot exploitation early and support the people affected.

## Getting help

Use the Signpost directory to find youth activities and support services in Brentwood. If you are worried, tell a trusted adult, call Childline, or report it anonymously. You do not have to be sure to speak up.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Community safety stall: cuckooing and county lines",
                "days_from_now": 30,
                "place": "Brentwood High Street (exact spot to be confirmed)",
                "details": "Drop by for leaflets and a friendly chat about how to spot cuckooing and how to report concerns without giving your name.",
            },
        ],
    },
    {
        "area": "castle-point",
        "title": "County lines and staying safe in Castle Point",
        "summary": "Help for young people and families in Canvey Island and Benfleet to understand county lines, spot the signs and find local support.",
        "body": """This page is for young people, parents and carers in Canvey Island, Benfleet and the rest of Castle Point. It explains county lines in simple words and shows where to get help.

## What is county lines?

Drug gangs, often from cities, use a phone number, known as a "line", to sell drugs in towns. They get young people to move drugs and money for them. These young people are sometimes called "runners".

Gangs are clever at drawing people in. They might offer:

- money or expensive gifts
- a lift, food or phone credit
- friendship and a feeling of being important

Then they say the young person owes them and must keep working. This is called *debt bondage*. Anyone who is caught in this is a victim and deserves help.

## Signs parents and schools sometimes miss

- A second phone, or lots of calls and messages they hide
- Being missing from home or school
- Trips to places they have no reason to go
- Older friends you have never met
- Carrying a weapon, or unexplained injuries

## Local action

Castle Point Borough Council is working with Essex Police and partners to protect young people and to disrupt the gangs.

## Where to go

Search the Signpost directory for youth clubs, sport and support services in Castle Point. If you are worried, use the numbers on this page. You can always report anonymously.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Family fun day with safety information",
                "days_from_now": 60,
                "place": "Canvey Island (venue to be confirmed)",
                "details": "Activities for young people, plus a stall where parents can pick up information about online safety, grooming and local support.",
            },
        ],
    },
    {
        "area": "chelmsford",
        "title": "County lines and staying safe in Chelmsford",
        "summary": "A guide for young people and families in Chelmsford and South Woodham Ferrers on county lines, knife crime and where to find help.",
        "body": """Chelmsford and South Woodham Ferrers have lots going on for young people. Most never come near gangs or drugs. This page explains the risks in a calm way, so you know what to do if you are worried.

## What is county lines?

*County lines* is a way of selling drugs. A gang uses a phone line to take orders and sends people out to deliver the drugs. It works like a franchise, spreading from cities to towns.

The gang grooms young people to be "runners". They may be offered cash, clothes, status or friendship. Soon they are told they owe a debt, and are threatened if they do not pay it back by working. No young person chooses this. They are being exploited.

## Knives: the facts

Most young people do not carry a knife. Carrying one does not make you safer. It makes it more likely that you will get hurt, or that you will be in serious trouble with the police.

## Signs to look out for

- Unexplained money, phones or clothes
- Going missing or travelling a long way from home
- Secretive phone use and new older friends
- Changes in mood, sleep or school attendance

## Working together

Chelmsford City Council is working with Essex Police and partners to keep young people safe and to stop exploitation.

## Find local help

Use the Signpost directory to find youth clubs, sport, arts and wellbeing services in Chelmsford. If you are worried about yourself or a friend, talk to someone you trust or use the contacts on this page.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Knife crime awareness workshop for young people",
                "days_from_now": 28,
                "place": "Chelmsford city centre (venue to be confirmed)",
                "details": "A safe, friendly workshop about why carrying a knife makes you less safe, and what to do if you feel under pressure. Ages 12 to 18.",
            },
        ],
    },
    {
        "area": "colchester",
        "title": "County lines and staying safe in Colchester",
        "summary": "What county lines and exploitation look like, how to spot the signs, and where young people and families in Colchester can get support.",
        "body": """Colchester is a busy city with plenty for young people to do. Sadly, drug gangs sometimes target young people here, as they do in many places. Knowing how they work makes it harder for them.

## How county lines works

Gangs use a phone number, called a "line", to sell drugs. The people at the top stay out of sight. They get others, often young people, to carry drugs and money and to take the risks.

Grooming often starts slowly. Someone older is kind, gives gifts or pays for things. They make a young person feel special. Later they say "you owe me" and use threats. This is *debt bondage*, and it is a crime against the young person.

## What is cuckooing?

Sometimes gangs take over the home of a vulnerable adult to deal drugs from it. This is called *cuckooing*, after the cuckoo bird, which takes over other birds' nests.

## Signs to look out for

- New things they cannot explain, like phones, money or clothes
- Going missing or staying out much later than usual
- Being secretive about their phone or friends
- Changes in mood, or not going to school

## Local partnership

Colchester City Council is working with Essex Police and partners to protect young people and support families.

## Support in Colchester

Search the Signpost directory for youth clubs, sport, mental health and family support in Colchester. If you are worried, speak up. You can report anonymously.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Youth voice session: what makes you feel safe?",
                "days_from_now": 18,
                "place": "Colchester (venue to be confirmed)",
                "details": "Share your ideas about safety in Colchester with youth workers and council staff. Free snacks. Ages 11 to 19.",
            },
            {
                "title": "Parents' talk: grooming and county lines",
                "days_from_now": 50,
                "place": "Colchester (venue to be confirmed)",
                "details": "An hour-long talk for parents and carers on the signs of exploitation and how to talk to your child about it.",
            },
        ],
    },
    {
        "area": "epping-forest",
        "title": "County lines and staying safe in Epping Forest",
        "summary": "Information for young people and families in Epping, Loughton and Waltham Abbey about county lines, grooming and local support.",
        "body": """Epping, Loughton and Waltham Abbey are close to London. Gangs sometimes use good transport links to move drugs out of the city. Most young people here are never involved, but it helps to understand the risks.

## What is county lines?

A *county line* is a phone number that a drug gang uses to take orders. The gang sends drugs out to towns and uses young people to carry them. These young people are sometimes called "runners".

Gangs might offer money, gifts, a sense of status or new friends. Then they create a debt, for example by staging a "robbery" of the drugs, and say the young person must work to pay it back. This is called *debt bondage*. The young person is a victim, not a criminal.

## Signs to look out for

- Travelling to places they do not usually go, sometimes far away
- Unexplained money, phones, clothes or train tickets
- New older friends and secretive phone use
- Going missing from home or school
- Changes in mood, or injuries they will not explain

## What is being done

Epping Forest District Council is working with Essex Police and partners to keep young people safe and to stop gangs from exploiting them.

## Local help

Use the Signpost directory to find youth clubs, sport and support services in Epping Forest. If you are worried, speak to someone you trust, or report anonymously using the contacts on this page.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Safer travel talk for young people",
                "days_from_now": 35,
                "place": "Loughton (venue to be confirmed)",
                "details": "A short, friendly session about staying safe on trains and buses, and what to do if someone asks you to carry something for them.",
            },
        ],
    },
    {
        "area": "harlow",
        "title": "County lines and staying safe in Harlow",
        "summary": "What young people and families in Harlow need to know about county lines and exploitation, and where to find help locally.",
        "body": """Harlow has a strong community and lots of young people doing great things. This page explains county lines in plain words, so you can spot the signs and know where to go for help.

## What is county lines?

Gangs from cities use a phone number, called a "line", to sell drugs in towns like Harlow. The line works like a franchise. The people in charge stay hidden and get others to take the risks.

Young people are groomed to carry drugs and money. It can start with a compliment, a free meal, new trainers or a friend who seems cool. Then comes a debt they did not agree to, and threats. This is known as *debt bondage*.

## Signs to look out for

- Phones, money or clothes they cannot explain
- Going missing, or coming home very late
- New older friends, or friends who pick them up in cars
- Being secretive or worried about their phone
- Changes in mood, or missing school

## Knives

Most young people in Harlow do not carry knives. Carrying one makes you less safe, not more.

## Working together

Harlow District Council is working with Essex Police and partners, including schools and youth workers, to keep young people safe.

## Find help in Harlow

Search the Signpost directory for youth clubs, sport, mental health and family support in Harlow. If you are worried, talk to a trusted adult or use the contacts on this page.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Parents' evening: county lines and online grooming",
                "days_from_now": 24,
                "place": "Harlow town centre (venue to be confirmed)",
                "details": "A free session for parents and carers on how grooming starts online and in person, and what to do if you are worried.",
            },
        ],
    },
    {
        "area": "maldon",
        "title": "County lines and staying safe in Maldon",
        "summary": "How county lines affects towns like Maldon and Burnham-on-Crouch, the signs to spot, and where young people and families can get help.",
        "body": """Maldon and Burnham-on-Crouch are quiet towns, and most young people here never meet a drug gang. But gangs do look for new places and new people to use, so it is good to know the signs.

## County lines explained

A *county line* is a phone number used by a gang to sell drugs. The gang, often from a city, sends drugs out to smaller towns. It works like a franchise, with the people at the top staying safe while others take the risks.

Young people may be groomed to carry drugs or money. The gang might offer cash, gifts, lifts or friendship. Later they say the young person owes them and use threats to keep them working. This is *debt bondage*.

## Cuckooing

Gangs sometimes take over the home of a vulnerable person and deal drugs from it. This is called *cuckooing*. You might notice new visitors at all hours, or a neighbour who seems scared.

## Signs to look out for

- Unexplained money, phones or clothes
- Going missing, or trips to unknown places
- New older friends and secretive phone use
- Changes in mood or school attendance

## Local action

Maldon District Council is working with Essex Police and partners to protect young people and vulnerable adults.

## Find help

Use the Signpost directory to find youth clubs, sport and support in the Maldon district. If you are worried, speak up. You can report anonymously.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Neighbourhood safety drop-in",
                "days_from_now": 40,
                "place": "Maldon (venue to be confirmed)",
                "details": "Meet local officers and community safety staff. Ask questions about cuckooing, county lines and how to report concerns.",
            },
        ],
    },
    {
        "area": "rochford",
        "title": "County lines and staying safe in Rochford",
        "summary": "Clear information for young people and parents in Rayleigh, Rochford and Hockley about county lines, grooming and local help.",
        "body": """This page is for young people, parents and carers in Rayleigh, Rochford, Hockley and nearby villages. It explains county lines simply and shows where to find support.

## What is county lines?

Drug gangs use a phone number, known as a "line", to sell drugs. They often come from cities and spread out to towns. The gang gets young people to carry drugs and money, so that the people in charge stay hidden.

## How grooming works

Grooming is when someone builds trust with a young person so they can use them. It might look like:

- being extra friendly, or giving compliments
- buying food, clothes or phone credit
- making the young person feel grown up or important

Then the gang says the young person owes them, and makes threats. This is *debt bondage*. It is not the young person's fault.

## Signs to look out for

- New things they cannot explain
- Going missing or travelling to unknown places
- Secretive phone use and new older friends
- Changes in mood or school attendance

## Working together

Rochford District Council is working with Essex Police and partners to keep young people safe and to stop exploitation.

## Find support

Search the Signpost directory for youth clubs, sport and support services in Rochford. If you are worried, talk to a trusted adult or use the contacts on this page.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Youth club open evening",
                "days_from_now": 10,
                "place": "Rayleigh (venue to be confirmed)",
                "details": "Try out activities, meet youth workers and find out what's on locally. Free for ages 11 to 18.",
            },
        ],
    },
    {
        "area": "tendring",
        "title": "County lines and staying safe in Tendring",
        "summary": "Information for young people and families in Clacton-on-Sea, Harwich and Frinton-on-Sea about county lines and where to get help.",
        "body": """Clacton-on-Sea, Harwich, Frinton-on-Sea and the rest of Tendring are home to many young people. Most will never be involved with gangs or drugs. This page explains county lines and where you can get help.

## What is county lines?

*County lines* is when drug gangs use a mobile phone line to sell drugs in towns away from where they are based. It runs like a franchise. The gang grooms young people to carry drugs and money. These young people are sometimes called "runners".

Gangs often target young people who feel lonely, bored or short of money. They offer gifts, cash or friendship. Then they trap them with a debt and threats. This is called *debt bondage*.

## Cuckooing

*Cuckooing* is when a gang takes over a vulnerable person's home to store or sell drugs. It can happen in seaside towns where people live alone. If you notice a neighbour with lots of new visitors, or who seems frightened, you can report it anonymously.

## Signs to look out for

- Unexplained money, phones or clothes
- Going missing, or staying away from home overnight
- New older friends and secretive phone use
- Changes in mood, injuries or missing school

## What is being done

Tendring District Council is working with Essex Police and partners to protect young people and vulnerable adults.

## Local help

Use the Signpost directory to find youth clubs, sport and support in Tendring. If you are worried, talk to someone you trust.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Seafront summer safety stall",
                "days_from_now": 55,
                "place": "Clacton-on-Sea seafront (exact spot to be confirmed)",
                "details": "Friendly staff with information about staying safe, spotting exploitation and where young people can get support.",
            },
            {
                "title": "Parents' coffee morning: talking to teens about drugs",
                "days_from_now": 20,
                "place": "Harwich (venue to be confirmed)",
                "details": "An informal chat with tea and coffee about how to talk to your teenager about drugs, county lines and peer pressure.",
            },
        ],
    },
    {
        "area": "uttlesford",
        "title": "County lines and staying safe in Uttlesford",
        "summary": "What county lines is and how to spot it, for young people and families in Saffron Walden, Great Dunmow and Stansted.",
        "body": """Uttlesford is mostly rural, with towns like Saffron Walden, Great Dunmow and Stansted. It is a safe place for most young people. Even so, drug gangs can reach any area, so it helps to know the signs.

## What does county lines mean?

A *county line* is a phone number that a gang uses to sell drugs. Gangs from cities send drugs out to towns and villages. They use young people to carry drugs and money, often by train or bus.

Gangs might offer money, gifts or friendship. Later they invent a debt and use threats to make the young person keep working. This is called *debt bondage*. A young person who is trapped like this is a victim and needs help, not blame.

## Signs to look out for

- Unexplained money, phones or new clothes
- Travelling to places they have no reason to visit
- Going missing from home or school
- New older friends, or secretive phone use
- Changes in mood, or carrying a weapon

## Working together

Uttlesford District Council is working with Essex Police and partners to keep young people safe across towns and villages.

## Finding help

Use the Signpost directory to find youth clubs, sport and support services in Uttlesford, including ones that offer help by phone or online if you live further away. If you are worried, speak to a trusted adult or use the contacts on this page.""",
        "contacts": _CONTACTS_DISTRICT,
        "events": [
            {
                "title": "Rural youth safety session",
                "days_from_now": 33,
                "place": "Saffron Walden (venue to be confirmed)",
                "details": "A relaxed session for young people about staying safe online and offline, and what to do if someone offers you money to carry something.",
            },
        ],
    },
    {
        "area": "southend-on-sea",
        "title": "County lines and staying safe in Southend-on-Sea",
        "summary": "Help for young people and families in Southend, Leigh-on-Sea and Shoeburyness to understand county lines, spot the signs and get support.",
        "body": """Southend-on-Sea, Leigh-on-Sea and Shoeburyness are lively places with a lot going on. Most young people here never get involved with gangs or drugs. This page explains the risks and where to find help.

## What is county lines?

Drug gangs use a phone number, called a "line", to sell drugs. They often come from big cities and spread to towns like Southend. It works like a franchise. The people at the top stay hidden and use others to carry drugs and money.

Young people are groomed to become "runners". The gang may offer money, gifts, status or friendship. Then they say there is a debt to pay, and make threats. This is *debt bondage*.

## Cuckooing

*Cuckooing* means taking over a vulnerable person's home to sell drugs from it. If a neighbour suddenly has lots of visitors, or seems scared, you can report it without giving your name.

## Knives

Most young people do not carry knives. Carrying one makes you more likely to get hurt, not less.

## Signs to look out for

- New phones, money or clothes they cannot explain
- Going missing, or trips to unknown places
- New older friends and secretive phone use
- Changes in mood or school attendance

## Working together

Southend-on-Sea City Council is working with Essex Police and partners to protect young people and vulnerable adults.

## Local help

Search the Signpost directory for youth clubs, sport and support services in Southend-on-Sea. If you are worried, use the contacts on this page.""",
        "contacts": _CONTACTS_UNITARY,
        "events": [
            {
                "title": "Youth safety festival",
                "days_from_now": 70,
                "place": "Southend-on-Sea (venue to be confirmed)",
                "details": "Music, sport taster sessions and friendly stalls about staying safe, mental health and where to get help. Free for ages 11 to 19.",
            },
        ],
    },
    {
        "area": "thurrock",
        "title": "County lines and staying safe in Thurrock",
        "summary": "What young people and families in Grays, Tilbury, Purfleet and Stanford-le-Hope should know about county lines, and where to get help.",
        "body": """Thurrock includes Grays, Tilbury, Purfleet, Stanford-le-Hope and many other communities. Most young people here are never involved with gangs. This page explains county lines so you can spot the signs and find help.

## What is county lines?

A *county line* is a phone number used by a drug gang to take orders. Because Thurrock is close to London, gangs may try to use young people here to carry drugs and money to other towns.

It often starts with kindness. An older person gives gifts, pays for food or offers a way to make quick money. Later they say the young person owes them a debt, and they use threats. This is called *debt bondage*. The young person has been exploited and deserves help.

## Signs to look out for

- Unexplained money, phones, clothes or travel tickets
- Going missing, or staying out very late
- New older friends and secretive phone use
- Changes in mood, injuries or missing school
- Carrying a weapon

## Knives

Most young people do not carry knives. If you carry one, you are more likely to get hurt.

## Working together

Thurrock Council is working with Essex Police and partners, including schools and youth services, to keep young people safe.

## Local help

Use the Signpost directory to find youth clubs, sport, mental health and family support in Thurrock. If you are worried, talk to someone you trust or use the contacts on this page.""",
        "contacts": _CONTACTS_UNITARY,
        "events": [
            {
                "title": "Parents' information evening on exploitation",
                "days_from_now": 26,
                "place": "Grays (venue to be confirmed)",
                "details": "Find out how gangs groom young people, the signs to look out for, and who to call if you are worried.",
            },
        ],
    },
]


GUIDES: list[dict] = [
    {
        "slug": "spotting-the-signs-of-county-lines",
        "title": "Spotting the signs of county lines and exploitation",
        "audience": "parents",
        "summary": "A guide for parents and carers on what county lines is, the signs that a child is being exploited, and what you can do.",
        "body": """Most young people will never be involved in county lines. But any child can be targeted, whatever their background. Knowing the signs means you can act early.

## What is county lines?

*County lines* is the name for drug gangs using a mobile phone number, or "line", to sell drugs in towns away from where they are based. Many gangs come from big cities. The line works like a franchise. The people in charge stay hidden and use others to take the risks.

Gangs groom children and young people to carry drugs and money. These young people are sometimes called "runners". Gangs often promise money, gifts, status or friendship. Then they trap the child with a debt, sometimes by staging a fake robbery, and use threats to keep them working. This is called *debt bondage*.

A child who is exploited in this way is a victim. They may not see themselves as one, and may even defend the people using them.

## Signs that are easy to miss

Many of these signs can have other causes. But if you notice several, or they appear suddenly, it is worth asking questions.

- **New things they cannot explain:** phones, money, clothes, trainers or jewellery
- **Going missing:** staying out late, not coming home, or being found far from home
- **Travel:** trips to towns they have no reason to visit, or train tickets you did not buy
- **New friends:** especially older friends, or friends who pick them up in cars
- **Phone use:** lots of calls or messages, a second phone, or panic if they cannot answer
- **Injuries:** cuts or bruises they will not explain
- **Mood and behaviour:** being withdrawn, angry, scared or very tired
- **School:** missing lessons, falling grades or being excluded
- **Weapons:** carrying a knife or other weapon

## What you can do

- **Stay calm and keep talking.** Choose a relaxed moment, such as a car journey or a walk. Listen more than you speak.
- **Make it clear they are not in trouble with you.** Children often stay silent because they are scared or ashamed.
- **Keep a note** of dates, names, places and car number plates you notice.
- **Tell their school.** Ask to speak to the designated safeguarding lead, the member of staff in charge of keeping children safe.
- **Report missing episodes** to Essex Police every time. Call [101](tel:101), or [999](tel:999) if you think your child is in danger.
- **Get support for yourself.** Use the Signpost directory to find family support services near you.

## Talking about drugs

Make it clear that taking drugs is not harmless or "normal". Every deal depends on people who are exploited and communities that are harmed. Young people who understand this find it easier to say no.

""" + _GET_HELP_NOW,
        "categories": ["exploitation", "family", "drugs-alcohol"],
    },
    {
        "slug": "grooming-how-it-starts",
        "title": "Grooming: how it starts and how to spot it",
        "audience": "young_people",
        "summary": "Grooming is when someone builds your trust so they can use you, and this guide explains how it starts and what you can do.",
        "body": """Grooming can happen to anyone. It does not matter where you live, how old you are or how clever you are. Gangs are very good at it. Knowing how it works makes it easier to spot.

## What is grooming?

*Grooming* is when someone builds trust with you so they can use you later. They might want you to carry drugs or money, keep things for them, or do other things that are against the law.

Drug gangs who run *county lines* often groom young people. County lines is when a gang uses a phone number, called a "line", to sell drugs in towns. The gang gets young people to do the risky work, like carrying drugs. These young people are sometimes called "runners".

## How it often starts

It usually starts with something that feels good:

- an older person who is really friendly and listens to you
- free food, trainers, phone credit or vapes
- lifts in cars, or invites to parties
- being told you are mature, special or part of the group
- an offer of "easy money" for a small job

It can start in person or online, for example in messages, games or social media.

## How it turns

After a while, things change. You might be asked to do a favour, like holding a bag or taking a parcel somewhere. Then you are told you owe them for all the gifts. Sometimes the gang pretends that drugs or money have been stolen from you, so that you "owe" even more.

This is called *debt bondage*. It means being trapped by a debt you never agreed to. The gang may threaten you or your family to keep you working.

## Is this happening to me?

Ask yourself:

- Do they give me things and then say I owe them?
- Do they ask me to keep secrets from my family?
- Do I feel scared to say no?
- Do they want me to go to places I do not know?

If you answered yes to any of these, it is not your fault. You are not in trouble for asking for help.

## What you can do

- **Talk to someone you trust,** like a parent, carer, teacher or youth worker.
- **Call Childline.** They will listen and will not judge you.
- **Do not agree to "just one favour".** That is often how the trap starts.
- **Keep yourself safe first.** If you are in danger, call 999.

You can find youth workers and support services near you in the Signpost directory.

""" + _GET_HELP_NOW,
        "categories": ["exploitation", "drugs-alcohol"],
    },
    {
        "slug": "what-is-cuckooing",
        "title": "Cuckooing: when gangs take over someone's home",
        "audience": "parents",
        "summary": "What cuckooing is, who is at risk, the signs a home has been taken over, and how neighbours, family and friends can help.",
        "body": """This guide is for parents, carers and any adult who wants to look out for their neighbours and community.

## What is cuckooing?

*Cuckooing* is when a drug gang takes over someone's home and uses it to store or sell drugs. It is named after the cuckoo, a bird that lays its eggs in other birds' nests.

It is often part of *county lines*. That is when gangs, often from cities, use a phone number, or "line", to sell drugs in towns. The gang needs somewhere to work from, so they look for a home they can take over.

## Who is at risk?

Gangs target people they think will not fight back or be believed. This can include people who:

- live alone or feel lonely
- have a learning disability or mental health needs
- are older or have poor health
- use drugs or alcohol
- are short of money

Young people can also be involved. Gangs may use children to carry drugs to and from a cuckooed home.

## How it happens

It often starts with friendship. Someone offers company, free drugs or money. Then more people arrive. Soon the person who lives there is scared, and may no longer feel in control of their own home. Some are threatened or harmed.

The person whose home has been taken over is a victim. They need help, not blame.

## Signs to look out for

- Lots of different people coming and going, at all hours
- New cars or bikes stopping outside for short visits
- A neighbour you have not seen for a while, or who seems scared
- Curtains always closed, or windows covered
- More litter, noise or anti-social behaviour near the home
- Young people you do not recognise visiting the address

## What you can do

- **Do not confront anyone.** Your safety comes first.
- **Make a note** of what you see, like dates, times and car number plates.
- **Report it.** Call Essex Police on [101](tel:101), or report anonymously to Crimestoppers. Call [999](tel:999) if someone is in danger now.
- **Check in gently** on a neighbour you are worried about, if it is safe to do so.
- **Tell the council.** Your district council's community safety team works with Essex Police and partners on cuckooing.

## Talking to young people

Explain cuckooing to your children in simple terms. Let them know that if an adult asks them to visit an address to drop something off, they should say no and tell you straight away.

""" + _GET_HELP_NOW,
        "categories": ["exploitation", "housing", "family"],
    },
    {
        "slug": "knife-crime-carrying-makes-you-less-safe",
        "title": "Knife crime: why carrying a knife makes you less safe",
        "audience": "young_people",
        "summary": "The facts about knives for young people, why carrying one puts you in more danger, and what to do if you feel unsafe.",
        "body": """If you are worried about your safety, it is normal to want to protect yourself. But carrying a knife is not the answer. This guide explains why, and what you can do instead.

## Most young people do not carry knives

It can feel like "everyone" carries a knife. That is not true. Most young people never carry a knife. If someone tells you that you need one, they are wrong.

## Why a knife makes you less safe

- **You are more likely to get hurt.** A knife you carry can be taken and used against you.
- **Things can get worse fast.** An argument that could have ended with words can end with someone seriously hurt.
- **You can get a criminal record.** Carrying a knife in public without a good reason is against the law, even if you never use it. A record can stop you getting some jobs or travelling to some countries.
- **It can be used to control you.** Gangs sometimes give young people knives as part of grooming, to make them feel they belong or owe something.

## Knives and county lines

*County lines* is when drug gangs use a phone number, or "line", to sell drugs in towns. Gangs groom young people to carry drugs and money. They may tell you that you need a weapon to protect yourself or the drugs. This is a lie that puts you in danger.

## If you feel unsafe

- **Talk to someone you trust,** such as a parent, carer, teacher or youth worker.
- **Plan safer routes** and travel with friends when you can.
- **Walk away** from arguments. It takes more strength to walk away than to fight.
- **Get support.** Youth workers and mentors can help. Look for them in the Signpost directory.

## If a friend carries a knife

You might feel stuck. You do not want to get them into trouble, but you are worried.

- Tell them you are worried and that you care about them.
- Remind them that carrying a knife makes them less safe.
- Tell an adult you trust.
- If you do not want to give your name, you can report it anonymously to Fearless or Crimestoppers. They will never know it was you.

## If someone is hurt

Call [999](tel:999) straight away. Stay with them if it is safe. Press firmly on the wound with a clean cloth and follow what the call handler tells you.

""" + _GET_HELP_NOW,
        "categories": ["knife-crime", "youth-justice", "exploitation"],
    },
    {
        "slug": "worried-what-to-do-and-who-to-call",
        "title": "Worried? What to do and who to call",
        "audience": "young_people",
        "summary": "If you are worried about yourself or a friend, this guide explains what you can do and which numbers to call.",
        "body": """Sometimes something just does not feel right. Maybe a friend has changed, or someone is asking you to do things that make you uneasy. You do not need to be sure before you ask for help.

## Trust your feelings

You might be worried because:

- someone older is giving you or a friend gifts or money
- a friend has a new phone, money or clothes they will not explain
- someone is asking you to carry a bag or parcel, or to go somewhere you do not know
- a friend keeps going missing, or seems scared or very tired
- someone is carrying a knife
- you have been told you owe someone money or a "debt"

These can be signs of *exploitation*. That is when someone uses you for their own gain, often to carry drugs or money for a gang. It is never your fault.

## Step one: tell someone you trust

Good people to tell include:

- a parent or carer
- a teacher or the safeguarding lead at school, who is the person in charge of keeping pupils safe
- a youth worker, coach or school nurse
- another adult in your family

If the first person does not help, keep telling people until someone does.

## Step two: call the right number

- **Someone is in danger right now:** call [999](tel:999).
- **You want to talk to someone:** call Childline on [0800 1111](tel:08001111). It is free, it does not show on the phone bill, and you can call any time.
- **You want to report something without giving your name:** call Crimestoppers on [0800 555 111](tel:0800555111) or use the [Fearless](https://www.fearless.org) website.
- **It is not an emergency, but you need the police:** call Essex Police on [101](tel:101).
- **You want advice about drugs:** call FRANK on [0300 123 6600](tel:03001236600).
- **You are finding it hard to cope:** call Samaritans on [116 123](tel:116123), any time.

## If you are already involved

You might be scared that you will be in trouble. Young people who are exploited are seen as victims. Police, youth workers and social workers want to help you get out safely. The sooner you talk to someone, the easier it is.

## Looking after yourself

Worrying about a friend is hard. Make sure you have someone to talk to as well. You can find youth clubs, mental health support and other services near you in the Signpost directory.

""" + _GET_HELP_NOW,
        "categories": ["crisis", "exploitation", "mental-health"],
    },
    {
        "slug": "how-to-report-anonymously",
        "title": "How to report anonymously",
        "audience": "young_people",
        "summary": "You can pass on information about crime without giving your name, and this guide explains how Fearless and Crimestoppers work.",
        "body": """Sometimes you know something is wrong but you are scared to say it. You might worry about what others will think, or what might happen to you. Reporting anonymously means you can pass on what you know without anyone finding out it was you.

## What does anonymous mean?

*Anonymous* means nobody knows who you are. When you report anonymously, you do not give your name, and nobody tries to find out who you are.

## Fearless: for young people

[Fearless](https://www.fearless.org) is a website for young people. It is run by the charity Crimestoppers. On the website you can:

- read about crimes like county lines, knife crime and exploitation
- fill in a simple form to tell them what you know
- do it all without giving your name

Fearless does not ask for your name and does not track the computer or phone you use.

## Crimestoppers: for everyone

You can also call Crimestoppers on [0800 555 111](tel:0800555111). The call is free. The people who answer are not police officers. They will not ask your name, and they will not trace your call. They pass the information on to the police.

## What can I report?

You can report anything you know about crime, for example:

- someone carrying a knife
- someone selling drugs, or a phone number used to sell drugs
- an older person asking young people to carry things for them
- a home that a gang has taken over, which is called *cuckooing*
- a young person who seems to be in danger

It helps to include details like where, when, what people looked like, and any car number plates. But even a small piece of information can help.

## What happens next?

Crimestoppers sends the information to the police, without any details that could show who you are. The police can then decide what to do. You might never hear what happened, but your report can help keep people safe.

## When not to wait

Anonymous reporting is not for emergencies. If someone is in danger right now, call [999](tel:999).

If you are worried about yourself and want to talk to someone, call Childline on [0800 1111](tel:08001111). You do not have to give your name to Childline either.

## It is the right thing to do

Reporting a crime is not "snitching". It is about keeping people safe, including the young people who are being used by gangs. Many people are harmed by drug dealing, from the young people who are exploited to the families and neighbours nearby.

""" + _GET_HELP_NOW,
        "categories": ["crisis", "exploitation", "knife-crime"],
    },
    {
        "slug": "talking-to-your-teenager-about-county-lines-and-drugs",
        "title": "Talking to your teenager about county lines and drugs",
        "audience": "parents",
        "summary": "Practical tips for parents and carers on starting calm, honest conversations with teenagers about drugs, county lines and staying safe.",
        "body": """Talking to your teenager about drugs and gangs can feel awkward. You might worry about saying the wrong thing, or putting ideas in their head. In fact, young people who can talk openly with a trusted adult are safer.

## Why it matters

*County lines* is when drug gangs use a phone number, or "line", to sell drugs in towns. Gangs groom young people to carry drugs and money. They target young people who are looking for money, friendship or a sense of belonging. A child who knows how grooming works, and knows they can come to you, is much harder to trap.

## Choose the right moment

- Pick a calm time, not straight after an argument.
- Side-by-side chats, like in the car or while cooking, can feel easier than sitting face to face.
- Use a news story, a TV programme or something from school as a starting point.

## Keep it simple and honest

- **Ask what they already know.** Let them explain it to you.
- **Listen more than you talk.** Try not to react with shock or anger.
- **Be clear about your values.** Say plainly that taking drugs is not acceptable to you, and explain why.
- **Talk about the whole supply line.** Harm and abuse run all the way through it. Young people are exploited and threatened. Vulnerable adults lose their homes to cuckooing, which is when a gang takes over someone's home to sell drugs. Communities suffer from violence.

## Explain the tricks gangs use

Help your child recognise the warning signs:

- gifts, money or phone credit from someone older
- offers of "easy money" for a small job
- being told they owe a debt they never agreed to
- being asked to keep secrets from family

Tell them that if this ever happens, they will not be in trouble with you for telling you.

## Agree a safety plan

- Agree a code word they can text if they need you to collect them, no questions asked.
- Make sure they know the numbers for Childline and Fearless.
- Let them know they can always come home.

## Keep the door open

One talk is not enough. Come back to the subject now and then. Show interest in their friends, their online life and what they enjoy. Positive activities, like sport, music or youth clubs, give young people a sense of belonging. You can find activities near you in the Signpost directory.

## If you are worried now

Look at our guide on spotting the signs of county lines. For advice about drugs, call FRANK on [0300 123 6600](tel:03001236600). To speak to Essex Police when it is not an emergency, call [101](tel:101).

""" + _GET_HELP_NOW,
        "categories": ["family", "drugs-alcohol", "exploitation"],
    },
]


CAMPAIGNS: list[dict] = [
    {
        "slug": "the-real-cost",
        "title": "The Real Cost",
        "summary": "Drug taking is not socially acceptable, because harm and abuse run through the whole supply line, from exploited young people to whole communities.",
        "key_messages": [
            "Drug taking is not socially acceptable.",
            "Harm and abuse run through the whole supply line.",
            "Young people are groomed and exploited to move drugs.",
            "You can speak up safely and anonymously.",
        ],
        "body": """Some people think taking drugs is a private choice that hurts nobody else. *The Real Cost* is a campaign by Essex's Violence and Vulnerability Unit (VVU) and partners. It asks everyone to think again.

## Every deal has a story behind it

Drugs do not appear by magic. Before they reach a party or a park, they pass along a supply line. Harm and abuse run through every part of it.

- **Young people are exploited.** Gangs running *county lines* groom children to carry drugs and money. County lines is when a gang uses a phone number, or "line", to sell drugs in towns.
- **Young people are trapped.** Gangs use made-up debts and threats to keep them working. This is called *debt bondage*.
- **Vulnerable adults lose their homes.** Gangs take over homes to deal drugs from them. This is called *cuckooing*.
- **Communities are harmed.** Drug dealing brings violence, fear and knife crime to our streets.

## Why it matters

When someone buys drugs, even "just for the weekend", their money keeps that whole line running. That is why drug taking is not socially acceptable. It is not harmless, and it is not "normal".

## What you can do

- **Make your own choices.** Most young people do not take drugs. You do not have to either.
- **Look out for others.** If a friend has new money, phones or older friends they cannot explain, they might be being exploited.
- **Get the facts.** FRANK gives honest advice about drugs on [0300 123 6600](tel:03001236600).
- **Speak up.** Tell someone you trust, or report what you know anonymously to Crimestoppers on [0800 555 111](tel:0800555111) or through [Fearless](https://www.fearless.org).

If someone is in danger, call [999](tel:999). If you want to talk, call Childline on [0800 1111](tel:08001111), free and any time.""",
        "hero_alt": "A simple drawing of a long chain of paper links. Each link shows a small figure: a young person with a backpack, a worried parent, a house with a closed door, and a street of homes.",
        "calls_to_action": [
            {"label": "Report anonymously with Fearless", "url": "https://www.fearless.org"},
            {"label": "Call Crimestoppers: 0800 555 111", "url": "tel:0800555111"},
            {"label": "Get drugs advice from FRANK: 0300 123 6600", "url": "tel:03001236600"},
        ],
        "starts_days_from_now": -10,
        "ends_days_from_now": 60,
        "featured": True,
    },
    {
        "slug": "spot-it-report-it",
        "title": "Spot It, Report It",
        "summary": "Learn the signs that a young person is being exploited by a gang, and how to report it safely, even without giving your name.",
        "key_messages": [
            "Exploited young people are victims, not criminals.",
            "Know the signs: new money, going missing, older friends.",
            "You do not have to be sure to speak up.",
            "You can report anonymously.",
        ],
        "body": """Gangs that sell drugs rely on people staying silent. *Spot It, Report It* helps young people, parents, teachers and neighbours across Essex notice when something is wrong and know what to do.

## Spot it

A young person who is being exploited might:

- have new phones, money or clothes they cannot explain
- go missing, or travel to places they have no reason to visit
- have new, older friends, or be picked up in cars
- be secretive about their phone, or panic when it rings
- have injuries they will not talk about
- change in mood, or stop going to school
- start carrying a weapon

These can be signs of *county lines*. That is when gangs use a phone number, or "line", to sell drugs in towns, and groom young people to carry drugs and money for them.

## Report it

You do not have to be sure. If something feels wrong, tell someone.

- **Someone is in danger now:** call [999](tel:999).
- **Report without giving your name:** call Crimestoppers on [0800 555 111](tel:0800555111), or young people can use [Fearless](https://www.fearless.org).
- **Not an emergency:** call Essex Police on [101](tel:101).
- **Need to talk:** young people can call Childline on [0800 1111](tel:08001111), free and any time.

## Why it works

Every report adds a piece to the picture. Councils, Essex Police and partners use this information to protect young people and stop the adults who exploit them.

Remember: a young person who is being used by a gang is a victim. Speaking up could help them get out safely.""",
        "hero_alt": "A simple illustration of a young person and an adult looking at a phone together, with a speech bubble showing a tick, on a plain green background.",
        "calls_to_action": [
            {"label": "Report anonymously with Fearless", "url": "https://www.fearless.org"},
            {"label": "Call Childline free: 0800 1111", "url": "tel:08001111"},
            {"label": "Call Crimestoppers: 0800 555 111", "url": "tel:0800555111"},
        ],
        "starts_days_from_now": 7,
        "ends_days_from_now": 90,
        "featured": False,
    },
]
