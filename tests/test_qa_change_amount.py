"""An amount that says by how much something changed ("a 0.5% rise in the rate", "a 2 percent
gain") is not what the thing is: asked what the rate is, the change does not lead. Asked about
the change itself ("how big a rise"), it still does."""

from __future__ import annotations

from .test_qa_extractive import _lead

TEXT = (
    "Harrow Quill audits the Velm song catalogue every year. "
    "Its report noted that a 0.5% rise in Harrow Quill's discount rate, which sits at 8.5%, "
    "would cut the catalogue's value by 7.9%."
)


def test_the_change_does_not_lead_when_the_level_is_asked() -> None:
    lead = _lead("what discount rate does harrow quill use for the velm catalogue", TEXT)
    assert lead is not None and "0.5%" not in lead, lead


def test_the_change_leads_when_it_is_asked() -> None:
    lead = _lead("how big a rise in the discount rate did harrow quill model", TEXT)
    assert lead is not None and "0.5% rise" in lead, lead
