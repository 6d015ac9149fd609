"""How the question reader spells out what members type: clipped nicknames, names typed without
their accents, chat shorthand for days, and sports nicknames."""

from __future__ import annotations

from bot.qa.abstain import key_terms
from bot.qa.aliases import expand
from bot.qa.spelling import Speller, correct

TEXT = (
    "Coach Jim Harbaugh watched from home as the Vikings beat the Broncos; Harbaugh was "
    "suspended. Harbaugh's staff harms no one. The charms of Tellingham. "
    "Gaspar Noé directed Climax, and Beyoncé sang. Elections are due."
)


def test_a_clipped_nickname_with_an_s_is_the_name_it_clips() -> None:
    sp = Speller([TEXT])
    assert correct("whos coaching while harbs is out", [sp])[0].endswith("while harbaugh is out")
    assert correct("did the vikes win", [sp])[0] == "did the vikings win"
    # a plural with a typo is still a typo, not a nickname
    assert correct("when are the electons", [sp])[0] == "when are the elections"
    # an English word is not what a nickname clips: "degens" is no "degeneration"
    sp2 = Speller([TEXT + " Retinal degeneration worsens."])
    assert correct("how much did the degens wager", [sp2])[1].get("degens") != "degeneration"
    # a word no corpus word begins with is kept as typed
    assert correct("did the zorbs win", [sp])[0] == "did the zorbs win"


def test_a_name_typed_without_its_accents_is_the_articles_name() -> None:
    sp = Speller([TEXT])
    fixed, fixes = correct("where can i stream climax, the gaspar noe one", [sp])
    assert fixed == "where can i stream climax, the gaspar noé one" and fixes == {"noe": "noé"}
    assert correct("what did Beyonce say", [sp])[0] == "what did Beyoncé say"
    # an accent-free word the corpus holds as it is stays
    assert correct("who directed climax", [sp]) == ("who directed climax", {})


def test_tomorrow_typed_short_is_spelled_out_and_frames_the_question() -> None:
    fixed, fixes = correct("who starts tmrw night", [Speller([TEXT])])
    assert fixed == "who starts tomorrow night" and fixes == {"tmrw": "tomorrow"}
    assert key_terms(fixed) == ["start"]  # "tomorrow night" is when, not what


def test_sports_nicknames_add_the_teams_name() -> None:
    q, added = expand("whats the final score of vikes broncos")
    assert "(Vikings)" in q and added == ["Vikings"]
    assert expand("who was potm last night")[1] == ["player of the match"]
    assert expand("who starts for the dbacks")[1] == ["Diamondbacks"]
    assert expand("how many goals has MUFC shipped")[1] == ["Manchester United"]
    assert expand("who did he play on corrie")[1] == ["Coronation Street"]
    assert expand("how many intl goals does he have")[1] == ["international"]
    assert expand("who did djoker beat in the final")[1] == ["Novak Djokovic"]
    assert expand("bjk's doc is on pbs next month right")[1] == ["Billie Jean King"]
    # "arnie" is Schwarzenegger to one member and the Socceroos' coach to another: no alias
    assert expand("what did arnie do to her shoes")[1] == []
    assert expand("who won roty last yr")[1] == ["Rookie of the Year"]
    assert expand("did wall st bounce back overnight")[1] == ["Wall Street"]
    # short forms the articles never write: "d4" and "jax" reach "Diablo 4" and "Jacksonville"
    assert expand("when does d4 season 2 drop")[1] == ["Diablo 4"]
    assert expand("who had the pick 6 for jax on thursday")[1] == ["Jacksonville"]
    assert expand("how did the windies t20 series end")[1] == ["West Indies"]
    # sportsbooks, clubs and players by their usual short names
    assert expand("when are fd and dk going live in vermont")[1] == ["FanDuel", "DraftKings"]
    assert expand("who did OM bring in as coach")[1] == ["Olympique de Marseille"]
    assert expand("how many career points does kd have")[1] == ["Kevin Durant"]
    assert expand("idk, did the pep talk help")[1] == []  # inside a word; "pep" is an everyday word


def test_a_clipped_subject_and_a_heros_nickname_are_spelled_out() -> None:
    fixed, fixes = correct("how much did the chem nobel winners split", [Speller([TEXT])])
    assert fixed == "how much did the chemistry nobel winners split"
    assert fixes == {"chem": "chemistry"}
    assert correct("who won the econ prize", [Speller([TEXT])])[0] == "who won the economics prize"
    assert expand("which studio made spidey 2")[1] == ["Spider-Man"]


def test_a_verb_on_a_two_letter_stem_is_english_not_a_typo() -> None:
    """ "axing": the English word "axe" with "-ing", not a typo of the corpus's "acing"; and
    news writes it as layoffs."""
    from bot.qa.synonyms import synonyms

    sp = Speller(["The striker was acing every drill before the layoffs were announced."])
    is_word = {"axe", "acing", "layoffs"}.__contains__
    assert correct("cruise axing how many ppl", [sp], is_word=is_word)[1].get("axing") is None
    assert ("layoff",) in synonyms("axe")


def test_finna_is_chat_not_a_typo_of_a_name() -> None:
    """ "who's he finna play": "going to", not "Fiona" mistyped."""
    sp = Speller(["Fiona Marr sang. The Orna Rovers play Vexley on Sunday."])
    assert correct("who are the rovers finna play", [sp])[1] == {}
    assert "finna" not in key_terms("who are the rovers finna play")


def test_ly_on_a_three_letter_stem_is_a_typo_not_an_adverb() -> None:
    """ "vally" is "valley" mistyped, not "val" with "-ly"; "-ly" on a longer stem the model
    knows ("firmly": "firm") is still an adverb, not a typo of a corpus word ("Formly")."""
    sp = Speller(["Stardew Valley was made by one developer. Formly, the app, was not."])
    is_word = {"val", "firm", "who", "made", "she", "spoke"}.__contains__
    fixed, fixes = correct("who made stardew vally", [sp], is_word=is_word)
    assert fixes == {"vally": "valley"} and fixed == "who made stardew valley"
    assert correct("she spoke firmly", [sp], is_word=is_word)[1] == {}


def test_a_title_clipped_in_chat_is_spelled_out() -> None:
    fixed, fixes = correct("who's the big nine commish that banned him", [Speller([TEXT])])
    assert fixed == "who's the big nine commissioner that banned him"
    assert fixes == {"commish": "commissioner"}
    assert correct("what did the prez say", [Speller([TEXT])])[0] == "what did the president say"
    fixed = correct("how many golden globe noms did it get", [Speller([TEXT])])[0]
    assert fixed == "how many golden globe nominations did it get"


def test_figures_typed_short_are_written_as_the_articles_write_them() -> None:
    sp = [Speller([TEXT])]
    fixed, fixes = correct("he kept saying 30k sq ft, how big is it really", sp)
    assert fixed == "he kept saying 30,000 square feet, how big is it really"
    assert fixes == {"30k": "30,000", "sq ft": "square feet"}
    assert correct("who led the $3m round", sp)[0] == "who led the $3 million round"
    assert correct("the 1.5bn deal and 1.2k fans", sp)[0] == "the 1.5 billion deal and 1,200 fans"
    # without a currency sign "5m" may be metres, minutes or millions: kept as typed
    assert correct("who won the 100m sprint", sp) == ("who won the 100m sprint", {})
    assert correct("is the k-pop show on", sp) == ("is the k-pop show on", {})


def test_a_short_word_with_its_last_letter_typed_twice_is_that_word() -> None:
    """ "how hott are the gas streams": "hot", not "hoft", a name one letter away."""
    sp = Speller(["Hot streams of gas glow. Rudi Hoft watched the streams from the hill."])
    assert sp.suggest("hott") == "hot"
    assert sp.suggest("streeams") == "streams"  # longer words are looked up as before
