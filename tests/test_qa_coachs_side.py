"""A coach's national side ("Ilse Marr’s Irish") is a team, not a person, so it does not lead
where a person is asked for ("who's taking over as all blacks coach after foster" led with "Andy
Farrell’s Irish"). Hand-written names."""

from __future__ import annotations

from bot.qa.person import personlike


def test_a_coachs_side_is_no_person() -> None:
    assert not personlike("Ilse Marr’s Irish")
    assert not personlike("Eddie Vell's English")
    assert personlike("Ilse Marr")
    assert personlike("Alex English")  # a surname that is also a people's adjective
