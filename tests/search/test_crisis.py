"""Help first in a crisis: the phrasings young people use, both ways, are the specification.

Positives must open the results with the Help now panel; negatives are ordinary
phrases that only sound like danger. The patterns are the county pack's
crisis.toml; add a phrasing here before changing them.
"""
from __future__ import annotations

import re
import unicodedata

import pytest

from directory.counties.pack import crisis_text, current_pack
from directory.search.understanding import in_danger

IN_DANGER = [
    # suicide, said directly and indirectly, with slang and misspellings
    "i want to die", "i wanna die", "I want to kill myself", "thinking about killing myself", "kms",
    "i want to unalive myself", "unalive", "suicidal", "sucidal thoughts", "suicide", "feeling suicidial",
    "i want to end it all", "going to end my life", "i dont want to be here anymore",
    "I don't want to be alive", "i do not want to wake up", "don't want to live any more",
    "no point in living", "no reason to live", "everyone would be better off without me",
    "i wish i was dead", "i can't go on", "I took too many pills", "overdose", "i took loads of paracetamol",
    # hurting themselves
    "i hurt myself", "i cut myself", "i keep cutting myself", "self harm", "selfharm help",
    "self-harming again", "burning myself",
    # being hurt at home or by someone
    "my dad hits me", "my mums boyfriend hurts me", "he beats me", "my brother punches me",
    "scared to go home", "i'm afraid of going home",
    # forced or threatened over drugs
    "someone is making me sell drugs", "they forced me to carry a package",
    "he said he'll hurt me if i don't deliver", "they said theyll stab me", "someone is going to kill me",
    # in danger now
    "i'm in danger", "im not safe at home", "I am not safe", "someone is following me",
    "I’m not safe",  # a curly apostrophe, as phones type it
]

NOT_DANGER = [
    "football", "youth club near harlow", "killing it at football", "we killed it at the gig",
    "dying to join a drama club", "dying to try boxing", "this homework is killing me",
    "something to kill time after school", "dead good music studio", "i'm dead bored",
    "hurt my knee playing football", "self defence classes", "cut my hair", "the pill",
    "morning after pill", "drugs advice for parents", "knife crime workshop", "suitcase",
    "sucks at maths", "things to do", "bereavement support", "my nan died", "end of term disco",
]


# The county's community languages (community_languages in county.toml), by language
# code: (what a young person might type, what it means). Written by the project and not
# yet reviewed by native speakers. Typed as phones type them: with and without accents,
# in capitals, colloquial spellings, and for some a Roman-letter spelling.
COMMUNITY_IN_DANGER: dict[str, list[tuple[str, str]]] = {
    "pl": [
        ("chcę się zabić", "i want to kill myself"),
        ("chce sie zabic", "i want to kill myself, no accents"),
        ("CHCĘ UMRZEĆ", "i want to die, in capitals"),
        ("nie chce mi się żyć", "i dont feel like living"),
        ("juz nie chce zyc", "i dont want to live any more, no accents"),
        ("myślę o samobójstwie", "i am thinking about suicide"),
        ("znowu się tnę", "im cutting myself again"),
        ("robie sobie krzywde", "i hurt myself"),
        ("tata mnie bije", "my dad hits me"),
        ("ojczym mnie pobił", "my stepdad beat me up"),
        ("boję się wracać do domu", "im scared to go home"),
        ("zmuszają mnie do sprzedawania narkotyków", "they make me sell drugs"),
        ("dilerzy mi grożą", "dealers are threatening me"),
        ("jestem w niebezpieczeństwie", "i am in danger"),
        ("nie jestem bezpieczna w domu", "im not safe at home"),
        ("ktoś mnie śledzi", "someone is following me"),
    ],
    "ro": [
        ("vreau să mor", "i want to die"),
        ("vreau sa mor", "i want to die, no accents"),
        ("mă gândesc să mă sinucid", "im thinking of killing myself"),
        ("vreau sa ma omor", "i want to kill myself"),
        ("nu mai vreau să trăiesc", "i dont want to live any more"),
        ("nu mai vreau sa traiesc", "i dont want to live any more, no accents"),
        ("vreau să-mi iau viața", "i want to take my life"),
        ("ma tai pe maini", "i cut my arms"),
        ("îmi fac rău singură", "i hurt myself"),
        ("tata mă bate", "my dad beats me"),
        ("mi-e frica sa merg acasa", "im scared to go home"),
        ("mă obligă să vând droguri", "they make me sell drugs"),
        ("m-au amenințat", "they threatened me"),
        ("sunt în pericol", "i am in danger"),
        ("nu ma simt in siguranta acasa", "i dont feel safe at home"),
    ],
    "lt": [
        ("noriu nusižudyti", "i want to kill myself"),
        ("noriu nusizudyti", "i want to kill myself, no accents"),
        ("NEBENORIU GYVENTI", "i dont want to live any more, in capitals"),
        ("galvoju apie savižudybę", "im thinking about suicide"),
        ("nematau prasmes gyventi", "i see no point in living"),
        ("pjaustausi rankas", "i cut my arms"),
        ("žaloju save", "i harm myself"),
        ("tėtis mane muša", "my dad hits me"),
        ("patevis mane musa", "my stepdad hits me, no accents"),
        ("bijau grįžti namo", "im scared to go home"),
        ("verčia mane pardavinėti narkotikus", "they make me sell drugs"),
        ("jie man grasina", "they are threatening me"),
        ("esu pavojuje", "i am in danger"),
        ("nesijauciu saugi namuose", "i dont feel safe at home"),
    ],
    "pt": [
        ("quero morrer", "i want to die"),
        ("quero me matar", "i want to kill myself (Brazil)"),
        ("vou matar-me", "im going to kill myself (Portugal)"),
        ("tô pensando em me matar", "im thinking of killing myself"),
        ("não quero mais viver", "i dont want to live any more"),
        ("n quero mais viver", "i dont want to live any more, texting"),
        ("pensamentos suicidas", "suicidal thoughts"),
        ("eu me corto", "i cut myself"),
        ("automutilação", "self-harm"),
        ("meu pai me bate", "my dad hits me (Brazil)"),
        ("o meu padrasto bate-me", "my stepdad hits me (Portugal)"),
        ("tenho medo de voltar pra casa", "im scared to go home"),
        ("me obrigam a vender drogas", "they make me sell drugs"),
        ("ele disse que vai me matar", "he said hes going to kill me"),
        ("estou em perigo", "i am in danger"),
        ("nao me sinto segura em casa", "i dont feel safe at home"),
    ],
    "bg": [
        ("искам да умра", "i want to die"),
        ("ще се самоубия", "im going to kill myself"),
        ("не искам да живея вече", "i dont want to live any more"),
        ("мисля за самоубийство", "im thinking about suicide"),
        ("iskam da umra", "i want to die, in Latin letters"),
        ("пак се режа", "im cutting myself again"),
        ("самонаранявам се", "i self-harm"),
        ("баща ми ме бие", "my dad beats me"),
        ("страх ме е да се прибера вкъщи", "im scared to go home"),
        ("карат ме да продавам наркотици", "they make me sell drugs"),
        ("заплашват ме", "they are threatening me"),
        ("в опасност съм", "i am in danger"),
        ("не се чувствам в безопасност у дома", "i dont feel safe at home"),
    ],
    "tr": [
        ("intihar etmek istiyorum", "i want to kill myself"),
        ("kendimi öldürmek istiyorum", "i want to kill myself"),
        ("KENDİMİ ÖLDÜRMEK İSTİYORUM", "i want to kill myself, in capitals with dotted i"),
        ("kendimi oldurcem", "im going to kill myself, colloquial, no accents"),
        ("ölmek istiyorum", "i want to die"),
        ("artık yaşamak istemiyorum", "i dont want to live any more"),
        ("artik yasamak istemiyorum", "i dont want to live any more, no accents"),
        ("canıma kıyacağım", "im going to take my life"),
        ("kendimi kesiyorum", "i cut myself"),
        ("jilet atıyorum", "i cut myself with a razor, slang"),
        ("kendime zarar veriyorum", "i harm myself"),
        ("babam beni dövüyor", "my dad beats me"),
        ("eve gitmeye korkuyorum", "im scared to go home"),
        ("beni zorla uyuşturucu sattırıyorlar", "they force me to sell drugs"),
        ("tehlikedeyim", "i am in danger"),
        ("GÜVENDE DEĞİLİM", "im not safe, in capitals"),
        ("biri beni takip ediyor", "someone is following me"),
    ],
    "uk": [
        ("хочу померти", "i want to die"),
        ("не хочу більше жити", "i dont want to live any more"),
        ("думаю про самогубство", "im thinking about suicide"),
        ("суїцидальні думки", "suicidal thoughts"),
        ("хочу вбити себе", "i want to kill myself"),
        ("вбʼю себе", "ill kill myself, with the Ukrainian apostrophe"),
        ("хочу покінчити з собою", "i want to end my life"),
        ("знову ріжу руки", "im cutting my arms again"),
        ("самоушкодження", "self-harm"),
        ("тато мене б'є", "my dad beats me"),
        ("вітчим мене бʼє", "my stepdad beats me"),
        ("боюся йти додому", "im scared to go home"),
        ("мене змушують робити закладки", "they make me do drug drops"),
        ("мені погрожують", "they are threatening me"),
        ("я в небезпеці", "i am in danger"),
        ("хтось за мною стежить", "someone is following me"),
    ],
    "bn": [
        ("আমি আত্মহত্যা করতে চাই", "i want to kill myself"),
        ("আত্নহত্যা", "suicide, a common misspelling"),
        ("আমি মরে যেতে চাই", "i want to die"),
        ("আর বাঁচতে চাই না", "i dont want to live any more"),
        ("আর বাচতে চাই না", "i dont want to live any more, without the candrabindu"),
        ("নিজেকে শেষ করে দিতে চাই", "i want to finish myself off"),
        ("ami morte chai", "i want to die, in Roman letters"),
        ("আমি নিজেকে আঘাত করি", "i hurt myself"),
        ("ব্লেড দিয়ে হাত কাটি", "i cut my arm with a blade"),
        ("আব্বু আমাকে মারে", "my dad hits me"),
        ("বাসায় যেতে ভয় লাগে", "im scared to go home"),
        ("ওরা জোর করে আমাকে দিয়ে ড্রাগস বিক্রি করায়", "they force me to sell drugs"),
        ("আমাকে হুমকি দিচ্ছে", "someone is threatening me"),
        ("আমি বিপদে আছি", "i am in danger"),
        ("আমি বাসায় নিরাপদ না", "im not safe at home"),
    ],
    "ur": [
        ("میں خودکشی کرنا چاہتا ہوں", "i want to kill myself"),
        ("خود کشی", "suicide, written as two words"),
        ("میں مرنا چاہتی ہوں", "i want to die"),
        ("میں اب جینا نہیں چاہتا", "i dont want to live any more"),
        ("میں خود کو مار ڈالوں گا", "ill kill myself"),
        ("khudkushi karna chahta hun", "i want to kill myself, Roman Urdu"),
        ("main marna chahti hoon", "i want to die, Roman Urdu"),
        ("میں خود کو کاٹتی ہوں", "i cut myself"),
        ("ابو مجھے مارتے ہیں", "my dad hits me"),
        ("گھر جانے سے ڈر لگتا ہے", "im scared to go home"),
        ("وہ مجھے زبردستی منشیات بیچنے پر مجبور کرتے ہیں", "they force me to sell drugs"),
        ("مجھے دھمکیاں دے رہے ہیں", "they are threatening me"),
        ("میں خطرے میں ہوں", "i am in danger"),
        ("میں گھر میں محفوظ نہیں ہوں", "im not safe at home"),
    ],
    "ar": [
        ("أريد أن أموت", "i want to die"),
        ("اريد ان اموت", "i want to die, without hamza"),
        ("أُرِيدُ أَنْ أَمُوتَ", "i want to die, with vowel marks"),
        ("بدي موت", "i want to die (Levantine)"),
        ("بدي انتحر", "i want to kill myself (Levantine)"),
        ("بفكر بالانتحار", "im thinking about suicide"),
        ("ما بدي عيش", "i dont want to live (Levantine)"),
        ("مش عايز أعيش", "i dont want to live (Egyptian)"),
        ("بدي اقتل حالي", "i want to kill myself"),
        ("أجرح نفسي", "i cut myself"),
        ("إيذاء النفس", "self-harm"),
        ("ابوي يضربني", "my dad hits me (Gulf)"),
        ("بابا بيضربني", "my dad hits me"),
        ("خايف ارجع ع البيت", "im scared to go home"),
        ("يجبروني ابيع مخدرات", "they force me to sell drugs"),
        ("بيهددوني", "they are threatening me"),
        ("أنا في خطر", "i am in danger"),
        ("مش حاسة بالأمان في البيت", "i dont feel safe at home"),
    ],
}

COMMUNITY_NOT_DANGER: dict[str, list[tuple[str, str]]] = {
    "pl": [
        ("klub piłkarski w Harlow", "football club in harlow"),
        ("ta praca domowa mnie zabija", "this homework is killing me"),
        ("umieram z nudów", "im dying of boredom"),
        ("chcę umrzeć ze wstydu", "i want to die of embarrassment"),
        ("strzelił samobója w meczu", "he scored an own goal"),
        ("porady dla rodziców o narkotykach", "drugs advice for parents"),
        ("jak zabić czas po szkole", "how to kill time after school"),
        ("co mi grozi za jazdę bez biletu", "what do i face for riding without a ticket"),
        ("mama zmusza mnie do noszenia sukienki", "mum makes me wear a dress"),
    ],
    "ro": [
        ("club de fotbal pentru adolescenți", "football club for teenagers"),
        ("tema asta mă omoară", "this homework is killing me"),
        ("mor de plictiseală", "im dying of boredom"),
        ("mă omor după pizza", "i love pizza"),
        ("mă bate gândul să mă apuc de box", "im thinking of taking up boxing"),
        ("frate-miu mă bate la fifa", "my brother beats me at fifa"),
        ("sfaturi despre droguri pentru părinți", "drugs advice for parents"),
    ],
    "lt": [
        ("futbolo būrelis Harlow", "football club in harlow"),
        ("šitie namų darbai mane žudo", "this homework is killing me"),
        ("mirštu iš juoko", "im dying of laughter"),
        ("noriu mirti iš gėdos", "i want to die of shame"),
        ("patarimai tėvams apie narkotikus", "drugs advice for parents"),
        ("susižalojau koją per futbolą", "i hurt my leg at football"),
        ("mama verčia mane nešioti kepurę", "mum makes me wear a hat"),
    ],
    "pt": [
        ("clube de futebol perto de mim", "football club near me"),
        ("essa prova vai me matar", "this test is going to kill me"),
        ("minha mãe vai me matar se eu chegar tarde", "my mum will kill me if im late"),
        ("vou me matar de estudar", "im going to kill myself studying"),
        ("morrendo de vontade de entrar no clube de teatro", "dying to join the drama club"),
        ("quero morrer de vergonha", "i want to die of embarrassment"),
        ("me bate uma saudade de casa", "i get homesick"),
        ("me machuquei no joelho jogando futebol", "i hurt my knee playing football"),
        ("conselhos sobre drogas para pais", "drugs advice for parents"),
    ],
    "bg": [
        ("футболен клуб в Харлоу", "football club in harlow"),
        ("това домашно ме убива", "this homework is killing me"),
        ("умирам от смях", "im dying of laughter"),
        ("брат ми ме бие на fifa", "my brother beats me at fifa"),
        ("съвети за родители относно наркотиците", "drugs advice for parents"),
        ("нараних си коляното на футбол", "i hurt my knee at football"),
        ("карат ме да нося униформа", "they make me wear a uniform"),
    ],
    "tr": [
        ("Harlow'da futbol kulübü", "football club in harlow"),
        ("bu ödev beni öldürüyor", "this homework is killing me"),
        ("gülmekten öldüm", "i died laughing"),
        ("utançtan ölmek istiyorum", "i want to die of embarrassment"),
        ("dövme yaptırmak istiyorum", "i want to get a tattoo"),
        ("matematikte zorlanıyorum", "im struggling at maths"),
        ("aileler için uyuşturucu hakkında bilgi", "information about drugs for families"),
        ("kendimi kesinlikle hazır hissediyorum", "i definitely feel ready"),
    ],
    "uk": [
        ("футбольний клуб у Гарлоу", "football club in harlow"),
        ("ця домашка мене вбиває", "this homework is killing me"),
        ("помираю від нудьги", "im dying of boredom"),
        ("мама мене вбʼє, якщо дізнається", "mum will kill me if she finds out"),
        ("поради батькам щодо наркотиків", "drugs advice for parents"),
        ("як зберегти закладки в браузері", "how to save bookmarks in the browser"),
    ],
    "bn": [
        ("হারলোতে ফুটবল ক্লাব", "football club in harlow"),
        ("হাসতে হাসতে মরে যাচ্ছি", "im dying of laughter"),
        ("এই হোমওয়ার্ক আমাকে মেরে ফেলবে", "this homework will kill me"),
        ("লজ্জায় মরে যেতে ইচ্ছে করছে", "i want to die of embarrassment"),
        ("আম্মু আমাকে মেরে ফেলবে", "mum will kill me"),
        ("বাবা-মায়ের জন্য মাদক নিয়ে পরামর্শ", "drugs advice for parents"),
    ],
    "ur": [
        ("ہارلو میں فٹبال کلب", "football club in harlow"),
        ("یہ ہوم ورک مجھے مار ڈالے گا", "this homework will kill me"),
        ("امی مجھے مار ڈالیں گی", "mum will kill me"),
        ("میں تمہارے لیے جان دے دوں گا", "id give my life for you"),
        ("والدین کے لیے منشیات کے بارے میں مشورہ", "drugs advice for parents"),
        ("شہر کے بیچ میں یوتھ کلب", "youth club in the middle of town"),
    ],
    "ar": [
        ("نادي كرة قدم في هارلو", "football club in harlow"),
        ("هالواجب رح يقتلني", "this homework will kill me"),
        ("بدي موت من الضحك", "im dying of laughter"),
        ("اموت في البيتزا", "i love pizza"),
        ("هالمدرسة بتقتل نفسيتي", "this school is killing my mood"),
        ("نصائح للأهل عن المخدرات", "drugs advice for parents"),
        ("تعلم الدفاع عن النفس", "learn self-defence"),
        ("ابي اروح النادي", "i want to go to the club (Gulf)"),
    ],
}


def _by_language(table: dict[str, list[tuple[str, str]]]) -> list:
    return [pytest.param(text, id=f"{code}-{re.sub(r'[^a-z0-9]+', '-', meaning.lower()).strip('-')}")
            for code, phrasings in table.items() for text, meaning in phrasings]


@pytest.mark.parametrize("text", IN_DANGER)
def test_danger_is_recognised(app, text):
    with app.app_context():
        assert in_danger(text), text


@pytest.mark.parametrize("text", NOT_DANGER)
def test_ordinary_words_are_not_a_crisis(app, text):
    with app.app_context():
        assert not in_danger(text), text


def test_the_table_is_large_both_ways():
    assert len(IN_DANGER) >= 40 and len(NOT_DANGER) >= 20


@pytest.mark.parametrize("text", _by_language(COMMUNITY_IN_DANGER))
def test_danger_is_recognised_in_community_languages(app, text):
    with app.app_context():
        assert in_danger(text), text


@pytest.mark.parametrize("text", _by_language(COMMUNITY_NOT_DANGER))
def test_ordinary_words_in_community_languages_are_not_a_crisis(app, text):
    with app.app_context():
        assert not in_danger(text), text


def test_every_community_language_has_phrasings_both_ways(app):
    """A language added to county.toml needs its phrasings (and patterns) here first."""
    with app.app_context():
        languages = current_pack().community_languages
    assert languages
    for code in languages:
        assert len(COMMUNITY_IN_DANGER.get(code, [])) >= 5, f"{code}: too few phrasings that mean danger"
        assert len(COMMUNITY_NOT_DANGER.get(code, [])) >= 3, f"{code}: too few ordinary phrasings"


def test_words_are_matched_without_latin_accents_and_arabic_vowel_marks():
    assert crisis_text("Chcę się ZABIĆ") == "chce sie zabic"
    assert crisis_text("KENDİMİ ÖLDÜRMEK") == "kendimi oldurmek"  # Turkish dotted capital İ
    assert crisis_text("kendımı") == "kendimi"  # and dotless ı
    assert crisis_text("أُرِيدُ أَنْ أَمُوتَ") == "اريد ان اموت"
    assert crisis_text("إيذاء آمن") == "ايذاء امن"
    assert crisis_text("I’m  not safe") == "i'm not safe"


def test_other_scripts_keep_their_letters():
    assert crisis_text("Вбʼю себе, йти, їхати") == "вб'ю себе, йти, їхати"  # й and ї are letters
    bengali = unicodedata.normalize("NFKC", "আমি বাঁচতে চাই না, বাসায় যেতে ভয়")
    assert crisis_text(bengali) == bengali  # vowel signs, ঁ and the nukta of য় are letters
    assert crisis_text("کوئی میرا پیچھا کر رہا ہے") == "کوئی میرا پیچھا کر رہا ہے"


def test_patterns_are_written_as_the_words_are_matched(app):
    """A pattern with an accented Latin letter, a capital or أ would never match."""
    with app.app_context():
        crisis = current_pack().crisis()
    for pattern in crisis.danger + crisis.not_danger:
        changed = {char for char in pattern.pattern if not char.isascii() and crisis_text(char) != char}
        assert not changed, f"{pattern.pattern}: {changed}"


def _assert_help_now_comes_first(client, text):
    html = client.get("/search", query_string={"q": text}, follow_redirects=True).get_data(as_text=True)
    panel = html.split('class="help-now-box help-now-panel"', 1)
    assert len(panel) == 2, "no Help now panel"
    before, rest = panel
    assert "service found" not in before and "services found" not in before  # it comes first
    section = rest.split("</section>", 1)[0]
    assert 'href="tel:999"' in section and 'href="tel:08001111"' in section and "sms:85258" in section
    assert "Services that can help right now" in section
    assert len(re.findall(r'href="/services/', section)) == 3
    assert text not in html.split("<main", 1)[1].split('name="q"', 1)[0]  # never echoed above the form


@pytest.mark.parametrize("text", ["i dont want to be here anymore", "my dad hits me", "kms"])
def test_results_open_with_help_now_and_crisis_services_first(client, text):
    _assert_help_now_comes_first(client, text)


@pytest.mark.parametrize("text", ["chcę się zabić", "kendimi öldürmek istiyorum", "أريد أن أموت",
                                  "আমি মরে যেতে চাই", "میں مرنا چاہتی ہوں"])
def test_results_open_with_help_now_in_community_languages(client, text):
    _assert_help_now_comes_first(client, text)


def test_ordinary_searches_have_no_panel(client):
    html = client.get("/search", query_string={"q": "killing it at football"}, follow_redirects=True).get_data(
        as_text=True)
    assert "help-now-panel" not in html


def test_the_api_says_help_now_with_crisis_services(client):
    answer = client.get("/api/v1/search", query_string={"q": "i want to end it all"}).get_json()
    assert answer["help_now"] and all("crisis" in s["categories"] for s in answer["help_now"])
    assert "help_now" not in client.get("/api/v1/search", query_string={"q": "football"}).get_json()
