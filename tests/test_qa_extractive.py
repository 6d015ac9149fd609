"""The extractive answerer's choice of sentences, on hand-written passages."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.shape import Span
from bot.qa.types import Passage

HEADLINE = "Brackwater council settles the ferry fares dispute"
TEXT = (
    "Brackwater's council settled the long dispute over ferry fares at its Tuesday meeting. "
    "Councillors voted 7-4 for the compromise after a three-hour debate. "
    "The deal was brokered by harbour commissioner Edda Mollin, who had chaired the talks. "
    "The new fares take effect on March 3, the council said."
)

# another outlet's own words on the same story
TEXT_B = (
    "Brackwater's council ended the ferry fares row on Tuesday after a long debate. "
    "The vote on the fares deal was 7-4, councillors said. "
    "Harbour commissioner Edda Mollin chaired the talks that led to the ferry deal. "
    "Fares under the deal change on March 3."
)


def passage(
    text: str = TEXT, n: int = 0, headline: str = HEADLINE, outlet: str = "The Brackwater Courier"
) -> Passage:
    """An article's text as one passage after its headline (article ``a{n}``)."""
    return Passage(
        chunk_id=f"c{n}",
        article_id=f"a{n}",
        corpus="t",
        text=text,
        start=len(headline) + 2,
        end=len(headline) + 2 + len(text),
        headline=headline,
        outlet=outlet,
        url=None,
        published_at=None,
        ai_generated=True,
    )


def test_two_sentences_of_an_article_while_another_has_some_then_more_of_one() -> None:
    q = "Brackwater council ferry fares deal vote debate"
    both = select_excerpts(q, [passage(), passage(TEXT_B, n=1)])
    assert len(both) == 4
    assert sorted(e.passage.article_id for e in both) == ["a0", "a0", "a1", "a1"]
    # a second outlet carrying the same copy word for word adds no sentence twice
    copies = select_excerpts(q, [passage(), passage(n=1)])
    assert len({" ".join(e.quote.split()) for e in copies}) == len(copies)
    # one article alone: the room left is filled from it (a quote may pair a sentence with its
    # neighbour), each sentence once
    alone = select_excerpts(q, [passage()])
    assert all(e.quote in TEXT for e in alone)
    sentences = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]
    quoted = [s for s in sentences for e in alone if s in e.quote]
    assert len(quoted) == len(set(quoted)) >= 3


def span_in(sentence: str, text: str) -> Span:
    """The span ``text`` stands at in ``sentence`` (its first occurrence)."""
    at = sentence.index(text)
    return Span(at, at + len(text), text)


def _lead(q: str, *texts: str) -> str | None:
    from bot.qa.extractive import short_answer_lead

    return short_answer_lead(select_excerpts(q, [passage(t, n) for n, t in enumerate(texts)]), q)


def test_a_price_asked_without_a_question_word_is_the_price_now() -> None:
    text = (
        "The Holm K2 kettle is down from $129.99 to $89.99 at Lindqvist this week. "
        "The kettle boils a litre in under three minutes, testers found."
    )
    # no "how much": the shape is read from "price" alone, and the old price is not the answer
    assert _lead("holm k2 kettle price?", text) == "$89.99 [1]."
    assert _lead("what was the holm k2 kettle going for at lindqvist", text) == "$89.99 [1]."
    regular = (
        "The Brisk 3 blender usually sells for $150, but Marren has it for $99 this weekend. "
        "It crushes ice without a separate blade."
    )
    assert _lead("how much is the brisk 3 blender at marren", regular) == "$99 [1]."
    # asked what it usually costs, the regular price answers
    assert _lead("what does the brisk 3 blender usually cost", regular) == "$150 [1]."


def test_who_did_it_is_the_name_after_the_questions_verb_and_by() -> None:
    text = (
        "Directed by Varkan (Greyfield), Tidewater features megastar Mira Hallen Brask and is "
        "basically a heist film set on a ferry."
    )
    assert _lead("who directed tidewater", text) == "Varkan [1]."


def test_a_date_the_calendar_sets_in_the_present_answers_when_it_is() -> None:
    text = (
        "Harbour Fair stall bookings will open on May 2. "
        "The Harbour Fair itself falls on June 14 this year, with the fireworks a day later."
    )
    assert _lead("when is the harbour fair this year", text) == "On June 14 [1]."


LISTING = (
    "Our pick of thrillers to stream this month, one a day.\n\n"
    "Oct. 3: Tidewater\n\n"
    "Director: Varkan\n\n"
    "Where to watch: Glimmer, Boxline Plus\n\n"
    "A ferry captain finds a stowaway with a ledger that half the harbour wants back.\n\n"
    "Oct. 4: Northlight\n\n"
    "Where to watch: Streamway\n\n"
    "A lighthouse keeper stops answering the radio."
)
OTHER = (
    "In Canada, the Nations Cup final is available to stream on Fubo. "
    "Viewers elsewhere can stream it on the league's own site."
)


def test_a_listings_labelled_value_answers_for_the_item_its_heading_names() -> None:
    q = "where can i stream tidewater"
    ex = select_excerpts(q, [passage(LISTING), passage(OTHER, n=1)])
    from bot.qa.extractive import short_answer_lead

    assert short_answer_lead(ex, q) == "Glimmer, Boxline Plus [1]."
    # the quote names the film the line is about, and the other film's line is not the answer
    assert "Tidewater" in ex[0].quote and "Glimmer, Boxline Plus" in ex[0].quote
    assert "Streamway" not in ex[0].quote
    assert _lead("where to watch northlight", LISTING, OTHER) == "Streamway [1]."
    assert _lead("who directed tidewater", LISTING) == "Varkan [1]."


CREDITS = (
    "Our pick of thrillers to stream this month.\n\n"
    "Oct. 3: Tidewater\n\n"
    "Cast: Mira Hallen, Joss Feldt\n\n"
    "Director: Pell Varkan\n\n"
    "A ferry captain finds a stowaway with a ledger that half the harbour wants back."
)


def test_asked_for_one_credit_a_listing_answers_with_that_one() -> None:
    """A listing credits an item several times; "who plays" is the cast, "who directed" the
    director, and lines run together still end their value at the next label."""
    assert _lead("who directed tidewater", CREDITS) == "Pell Varkan [1]."
    assert (
        _lead("who plays the ferry captain in tidewater", CREDITS) == "Mira Hallen, Joss Feldt [1]."
    )
    joined = "Oct. 3: Tidewater\n\nDirector: Pell Varkan Cast: Mira Hallen, Joss Feldt"
    assert _lead("who directed tidewater", joined) == "Pell Varkan [1]."


PREVIEW = (
    "Harlow Town vs Brackwater Rovers: kickoff time, lineups and how to watch\n\n"
    "Harlow Town host Brackwater Rovers in the cup quarter-final on Saturday evening.\n\n"
    "Location: Kestrel Park (Harlow)\n\n"
    "Referee: Ansel Dorrik (WAL)\n\n"
    "Rovers striker Tobin Leary scored twice in the last round, and manager Ivo Castell said "
    "the side would attack from the first whistle."
)


def test_the_name_under_the_title_asked_for_answers_who_held_that_role() -> None:
    # a match preview lists its officials one to a line; the name under "Referee:" answers
    # however the role is asked, and the line's bracketed note stays out of the lead
    assert _lead("who reffed harlow town vs brackwater rovers", PREVIEW) == "Ansel Dorrik [1]."
    assert _lead("who is the referee for harlow v brackwater", PREVIEW) == "Ansel Dorrik [1]."
    # a line under another title names no referee, and another role is not answered by it
    assert _lead("who is the rovers manager", PREVIEW) == "Ivo Castell [1]."


def test_a_role_and_the_word_name_ask_for_a_person() -> None:
    text = (
        "Names on the shortlist for the Brackwater ferry board were published on Monday. "
        "Ferry operator chief executive Dana Quell said fares would hold until spring."
    )
    # "ferry ceo name?": no question word, yet it asks who; "name" is not a word to match
    assert _lead("ferry ceo name?", text) == "Dana Quell [1]."


def test_chat_words_for_a_base_match_the_articles_words() -> None:
    text = (
        "Harbour Lines runs its ships from Port Orna every morning, the filing shows. "
        "The independent distributor is headquartered in Brackwater."
    )
    # "hq'd", "indie distro": the article writes "headquartered", "independent distributor"
    assert _lead("where's harbour lines hq'd, the indie distro", text) == "In Brackwater [1]."
    # "points deduction": the article writes "penalty"; "teach": "a professor at"
    fined = (
        "Ilse Dorn's Brackwater Rovers dropped points in Orna on Saturday. "
        "Dorn was on holiday in Velm when she heard of the penalty for an overspend."
    )
    assert _lead("where was dorn when she heard about the points deduction", fined) == (
        "In Velm [1]."
    )


def test_a_town_is_quoted_with_its_state_and_a_person_of_that_town_leaves_it_a_place() -> None:
    text = (
        "Pastor Elin Varda of Harbour Chapel in Marlow, Oregon, near Salem, spoke on Sunday. "
        "Pastor Elin Varda of Marlow, Oregon has led Harbour Chapel for a decade."
    )
    # "Elin Varda of Marlow" names no one called Marlow: the town stays an answer, with its state
    assert (
        _lead("where is pastor elin varda's chapel", text) == "In Marlow, Oregon, near Salem [1]."
    )


def test_a_town_answers_where_before_the_country_it_is_in() -> None:
    text = (
        "A heat wave in Norway forced Brackwater Rovers to call off the second of their summer "
        "friendlies in Bergen."
    )
    assert _lead("where did rovers call off a friendly cuz of the heat", text) == "In Bergen [1]."


def test_a_year_answers_when_something_long_done_happened_but_not_a_year_still_to_come() -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from bot.qa.extractive import short_answer_lead

    text = (
        "Notably, in 2017, Orna Shipping founder Dana Quell joined other harbour figures in "
        "backing the first-ever sailing school to be set up on Kestrel Island. "
        "The school now trains 300 sailors a year."
    )
    assert _lead("when did dana quell back that sailing school on kestrel", text) == "In 2017 [1]."
    # written in 2023, "by the first quarter of 2025" is a plan, not when the company started
    plans = (
        "Brackwater Ferries plans to open 30 new routes by the first quarter of 2025. "
        "The company began its journey in Orna with just two boats in 2011."
    )
    p = replace(passage(plans), published_at=datetime(2023, 10, 1, tzinfo=UTC))
    q = "when was brackwater ferries started"
    assert short_answer_lead(select_excerpts(q, [p]), q) == "In 2011 [1]."
    # asked on 19 November, a day still to come is not when something happened; written on
    # 17 November, "14 December" is the coming one. Asked in January, both days have passed.
    release = (
        "On 16 November, Kestrel Plus released the first four episodes of Harbour Lights' final "
        "season, followed by the last six episodes on 14 December."
    )
    p = replace(passage(release), published_at=datetime(2023, 11, 17, tzinfo=UTC))
    for q in (
        "when did harbour lights' final season come out",
        "harbour lights final season dropped when",
    ):
        got = select_excerpts(q, [p], now=datetime(2023, 11, 19, tzinfo=UTC))
        assert short_answer_lead(got, q) == "On 16 November [1]."


def test_a_table_of_past_winners_states_no_name_in_the_lead() -> None:
    table = (
        "Year Host Winner Runner-up Result 1995 Orna Kestrel Rovers Harlow Town won by 12 runs "
        "1999 Marlow Harlow Town Brackwater won by 3 wickets 2003 Orna Brackwater Kestrel Rovers "
        "won by 40 runs 2007 Velm Kestrel Rovers Marlow Athletic won by 9 runs"
    )
    other = "The Harbour Shield is played every four years between the island sides."
    # a row of cells glued together ("Kestrel Rovers Harlow Town") names no winner
    assert _lead("who won the harbour shield this year", other, table) is None


def test_a_count_of_things_is_not_answered_by_an_amount_measured_in_units() -> None:
    text = "Orna moved at least 55 cubic metres of fuel to the border depot on Monday."
    assert _lead("how many tanks did orna send to the border", text) is None
    assert (
        _lead("how much fuel did orna move to the border", text) == "At least 55 cubic metres [1]."
    )


def test_which_school_is_answered_by_the_body_a_person_is_of() -> None:
    text = (
        "The 2026 Tarrant Prize in chemistry went to two scientists for their work on salt "
        "batteries. Jonas Varr of Orna Polytechnic and Lida Marosh of Brackwater Cells Ltd. "
        "share the award."
    )
    # "Jonas Varr of Orna Polytechnic": the body is the answer, not the person before "of"
    assert _lead("which school is jonas varr at, the tarrant chem guy", text) == (
        "Orna Polytechnic [1]."
    )


def test_a_place_inside_a_quoted_title_is_not_where_it_happened() -> None:
    text = (
        "Book pick: “The Ferrymen: A History of Smuggling in the Orna Islands,” by Tomas "
        "Wendrell. Wendrell, a professor of maritime history at Kestrel University, traces how "
        "the harbour towns lived off the trade."
    )
    # the book's title names a place of its story; where its author teaches is "at Kestrel"
    assert _lead("where does tomas wendrell teach, the smuggling history guy", text) == (
        "At Kestrel University [1]."
    )
    # what a place is called, quoted, is still the place
    called = (
        "From the lighthouse, walk east to an area called “Hut in the Grey Pines” on the map. "
        "The keeper waits in the Lamp Room of the lighthouse."
    )
    assert _lead("where do i find the keeper's hut", called) == "In the Grey Pines [1]."


def test_a_range_is_one_count_and_a_two_way_player_is_no_count() -> None:
    text = (
        "Lantern Hunt is a board game for the dark. Anywhere from two to six players can join "
        "in, and a round takes 20 minutes."
    )
    assert _lead("how many ppl can play lantern hunt", text) == "Two to six players [1]."
    picks = (
        "INTERCEPTION: the two-way star picks off Orna's quarterback at the 36. "
        "Jonas Varr, back from injury, recorded the game's three picks."
    )
    assert _lead("how many picks did jonas varr get vs orna", picks) == "Three picks [1]."


def test_the_last_time_something_happened_is_a_date_not_a_time_of_day() -> None:
    text = (
        "7:00 p.m. KICKOFF: Rovers start at Harbour Park, where they are winless in years. "
        "Rovers last won at Harbour Park in 2009."
    )
    assert _lead("last time rovers won at harbour park was when", text) == "In 2009 [1]."


def test_a_network_is_where_to_watch_a_game_not_where_it_was_played() -> None:
    text = (
        "Monday's game between the Rovers and Orna will be shown on ESPN. "
        "The sides meet for the first time since the spring, with the Rovers unbeaten."
    )
    # the articles say where it is shown, not where it is played: no place is stated
    assert _lead("where was the monday rovers orna game played", text) is None
    watch = _lead("where can i watch the monday rovers orna game", text)
    assert watch is not None and watch.startswith("On ESPN")


def test_a_deadline_is_answered_by_the_date_something_has_until() -> None:
    text = (
        "Orna Ferries got a formal request on Thursday. Orna Ferries has until October 18 to reply."
    )
    # "until" is no answer to when something began, but it is when a deadline falls
    assert _lead("when is the deadline for orna ferries", text) == "Until October 18 [1]."


def test_when_something_opens_is_the_start_of_its_hours_and_when_it_closes_their_end() -> None:
    text = "Tamsk Mart's usual hours are from 7am to 10pm every day, the chain says."
    assert _lead("what time do tamsk mart stores open", text) == "From 7am [1]."
    assert _lead("what time do tamsk mart stores close", text) == "10pm [1]."


def test_a_name_asked_with_a_nickname_that_expands_to_a_body_still_asks_for_a_person() -> None:
    text = (
        "Ferry firms must publish their safety records, the European Parliament said on "
        "Tuesday, as Lida Marosh urged the firms to act."
    )
    # "eu" is read as "eu (European Union)": the union is no body the question asks for
    q = "which eu (European Union) commissioner urged ferry firms to publish safety records"
    assert _lead(q, text) == "Lida Marosh [1]."


def test_a_link_in_a_post_names_no_one() -> None:
    text = (
        "She is headed to Orna. The Orna Rovers have appointed Edda Mollin as head coach "
        "https://t.co/sR7qfSnWVx Welcome, Edda! The Rovers' interim coach Jonas Varr stays on."
    )
    lead = _lead("who's coaching the rovers till mollin shows up", text)
    assert lead is not None and "WVx" not in lead and "Mollin" not in lead


def test_the_referee_asked_as_reffing_is_the_one_the_article_calls_referee() -> None:
    text = (
        "Orna Rovers' Jonas Varr put his side 2-1 up in the 37th minute. "
        "But referee Tomas Wendrell pointed to the spot after a late foul in the box."
    )
    assert _lead("who was reffing the rovers game", text) == "Tomas Wendrell [1]."


def test_a_cfo_is_the_chief_financial_officer_not_the_chief_executive() -> None:
    text = (
        "Orna Cloud's results call ran long. On the call, CFO Edda Mollin said costs would fall. "
        "CEO Jonas Varr echoed that."
    )
    assert _lead("who is orna cloud's cfo", text) == "Edda Mollin [1]."


def test_a_live_blogs_time_stamp_is_no_answer() -> None:
    text = (
        "12.10 PM: All the league's grounds must be handed over to the teams in March.\n\n"
        "12.07 PM: Meanwhile, the Harbour League starts on March 22."
    )
    assert _lead("when does the harbour league start", text) == "On March 22 [1]."


def test_a_count_is_matched_through_a_joined_noun_and_people_by_what_they_are() -> None:
    stats = "Vell finished the season with 88 runs, 31 home runs and 70 RBIs for Orna."
    # "homeruns" counts "home runs", not the first count the sentence names
    assert _lead("how many homeruns did vell hit this season", stats) == "31 home runs [1]."
    app = (
        "Kestrel Chat gave out branded mugs at the Orna fair, where a 360 camera drew a queue. "
        "The app has amassed around 90,000 users since its launch in June."
    )
    # "ppl", as the question cleaner spells it out, counts users, not cameras
    assert _lead("how many ppl (people) are actually on kestrel chat rn", app) == (
        "Around 90,000 users [1]."
    )
    cuts = (
        "Brackwater Ferries said it would cut about 400 jobs, or a tenth of its staff, in 2 phases."
    )
    assert _lead("brackwater ferries layoffs, how many ppl (people)", cuts) == "About 400 jobs [1]."


def test_a_platform_at_the_end_of_a_sentence_is_no_place() -> None:
    text = (
        "Vell has hyped her fight with Kade to over a million followers on X. “I am ready,” she "
        "wrote. The bout is set for October 14 in Brackwater."
    )
    # "on X." before a quote: the full stop ends the sentence, and X is where she posted
    assert _lead("where's the vell vs kade fight gonna be", text) == "In Brackwater [1]."


def test_a_place_named_alone_elsewhere_is_still_a_place() -> None:
    text = (
        "Vell backed Mara when she went to her Harbour Tour show in Porto Velm, Kestrelia, on 11 "
        "November. Porto Velm was loud that night, fans said."
    )
    # "Porto Velm" standing alone reads like a full name, but a sentence puts it after "in"
    assert _lead("where did vell fly to catch a harbour tour show last month", text) == (
        "In Porto Velm [1]."
    )
    # a person named in full is still no place: "to Marlow" is whom it went to
    sent = "The board sent the report to Paddy Marlow on Monday. Later the board wrote to Marlow."
    assert _lead("where did the board send the report", sent) is None


def test_a_place_visited_is_a_place_without_a_preposition() -> None:
    text = "Shortly after the final, Vell took a week off training to visit Porto Velm, her agent said."
    assert _lead("where did vell go when she took a week off training", text) == "Porto Velm [1]."


def test_a_place_after_its_owner_and_no_place_after_take_in() -> None:
    text = (
        "Orna has refused to host the refugees, suggesting Kestrel should instead take in "
        "Velmish families to its Harrow desert."
    )
    # "take in Velmish families": whom it would house; "to its Harrow desert": where
    assert _lead("where did orna say kestrel should send the refugees", text) == (
        "To its Harrow desert [1]."
    )
    # after "its", only a name the sentence calls a place is one: "its U.S. customers" is whom
    from bot.qa.shape import WHERE, answer_spans

    handed = "Orna handed the first trucks to its U.S. customers at its Velm factory."
    assert [sp.text for sp in answer_spans(handed, WHERE)] == ["at its Velm"]


def test_a_salary_asked_without_a_question_word_is_an_amount() -> None:
    line = (
        "Pell Tarrow, Orna at Kestrel (DK: $6,800 | FD: $8,400). Tarrow has scored 20 points in "
        "each of his last three games."
    )
    assert _lead("tarrow's dk salary this week?", line) == "$6,800 [1]."


def test_posting_is_taking_to_a_platform() -> None:
    text = (
        "Vell’s fans first heard of the hack on 2 December. Vell took to Instagram on 4 December "
        "to complain about the hack."
    )
    assert _lead("when did vell post about the hack", text) == "On 4 December [1]."
    # a catch and early access are written other ways too
    from bot.qa.synonyms import synonyms, words

    assert ("haul",) in synonyms(words("caught")[0])
    assert ("advanc",) in synonyms(words("early")[0])


def test_the_w_is_the_win_and_originally_from_is_where_one_was_born() -> None:
    game = (
        "Orna's closer Pell Tarrow struck out the side in the ninth of Game 3 for Orna. "
        "Kade Holm got credited with the win after starter Mara Voss left with a sore back."
    )
    assert _lead("who got the W for orna in game 3", game) == "Kade Holm [1]."
    dad = (
        "Tomas Wendrell told reporters his daughter was still missing in Velmaria. "
        "He was born in Ostra, in the north, and moved to Velmaria in 1992."
    )
    assert _lead("where's the dad originally from", dad) == "In Ostra [1]."


def test_asked_what_two_named_outlets_report_the_answer_is_the_name_both_articles_give() -> None:
    from bot.qa.extractive import short_answer_lead

    q = "Who, according to both the Courier and the Ledger, lifted the key rate again this week?"
    a = (
        "Mira Kettle of Kerrow Partners said the key rate was lifted again this week, the fourth "
        "rise this year. The Tollan Reserve Bank has been raising rates to slow prices."
    )
    b = "The Tollan Reserve Bank kept its guidance unchanged after the meeting, officials said."
    both = [passage(a, 0), passage(b, 1)]
    assert short_answer_lead(select_excerpts(q, both, sources=2), q) == "Tollan Reserve Bank [1]."
    # one outlet named: nothing shared to go by, and the bank is not stated
    assert short_answer_lead(select_excerpts(q, both, sources=1), q) != "Tollan Reserve Bank [1]."


def test_an_answer_far_better_than_any_of_the_best_ranked_article_s_is_stated() -> None:
    """The best-ranked passage is about the trial and answers "when" only with the day of a
    hearing; another article's sentence answers the question, a little below the strength an
    answer from another article needs, but far above anything the first article says."""
    trial = (
        "The antitrust trial of Velm Search entered its fifth week on Monday. Lawyers for the "
        "state argued the search company paid phone makers billions to stay the default "
        "everywhere."
    )
    deal = "Velm Search's deal with Orna Phones dates back to 2011, testimony showed."
    q = "when did the orna phones default deal with velm search begin"
    assert _lead(q, trial, deal) == "2011 [1]."


def test_a_traffic_jam_is_traffic_backed_up() -> None:
    text = (
        "Traffic police shut 14 kilometres of the Kessel ring road on Monday for the march. "
        "Traffic on the ring road was backed up for more than 9 kilometres at the morning peak."
    )
    assert _lead("how long was the traffic jam on the ring road", text) == (
        "More than 9 kilometres [1]."
    )


def test_a_phrase_the_article_says_in_other_words_finds_the_sentence_that_answers() -> None:
    """ "added time" is "stoppage time": the phrase's synonym stands for its first word, so the
    sentence about the stoppage time is the one near the question, not the half's length."""
    text = (
        "The opening 45 minutes of Brackwater against Tamsk Rovers were chaotic from the start. "
        "Three video reviews meant the referee allowed 11 minutes of stoppage time before the "
        "break, and both managers complained afterwards."
    )
    assert _lead("how much added time was there in the first half", text) == "11 minutes [1]."
