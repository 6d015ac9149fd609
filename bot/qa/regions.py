"""States and provinces that news writes after a town's name ("Auburn, Washington", "Citrus
Heights, California", "Ballarat, Victoria"): part of where a place is, kept with the town."""

from __future__ import annotations

_US = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|D\\.C\\."
)
_CANADA = "Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick"
_AUSTRALIA = "New South Wales|Victoria|Queensland|Tasmania|Western Australia|South Australia"
REGION = f"(?:{_US}|{_CANADA}|{_AUSTRALIA})"
