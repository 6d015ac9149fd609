"""The words a place is named by its kind with, and the states and provinces that news writes
after a town's name ("Auburn, Washington", "Citrus Heights, California", "Ballarat, Victoria"):
part of where a place is, kept with the town."""

from __future__ import annotations

import re

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

# the words a place is named by its kind with: "the border town of Velm", "its Negev desert"
PLACE_NOUN = (
    r"(?:city|town|village|hamlet|country|nation|state|province|region|county|district|capital|venue|"
    r"stadium|arena|ground|island|port|border|location|place|area|site|crossing|court|circuit|"
    r"neighbou?rhood|suburb|borough|street|kibbutz|camp|base|township|municipality|coast|desert|"
    r"valley|peninsula|basin)"
)

# Countries by name (the ones a where-answer is weighed down for naming alone: ``COUNTRY``)
_NATIONS = (
    r"U\.?S\.?A?\.?|United\s+States|America|U\.?K\.?|United\s+Kingdom|Britain|"
    r"Great\s+Britain|England|Scotland|Wales|Ireland|Northern\s+Ireland|Canada|Mexico|Brazil|"
    r"Argentina|Chile|Colombia|Peru|Venezuela|France|Germany|Italy|Spain|Portugal|Netherlands|"
    r"Belgium|Switzerland|Austria|Sweden|Norway|Denmark|Finland|Poland|Ukraine|Russia|Turkey|"
    r"Greece|Israel|Gaza|Lebanon|Syria|Iran|Iraq|Saudi\s+Arabia|Qatar|Egypt|Nigeria|Kenya|"
    r"South\s+Africa|Ethiopia|India|Pakistan|Bangladesh|China|Japan|South\s+Korea|Korea|"
    r"North\s+Korea|Taiwan|Vietnam|Thailand|Cambodia|Indonesia|Philippines|Malaysia|Singapore|"
    r"Australia|New\s+Zealand"
)
# and the others news writes after a town's name ("Havana, Cuba"): part of where it is
NATION = (
    rf"(?:{_NATIONS}|Cuba|Jamaica|Haiti|Puerto\s+Rico|Dominican\s+Republic|Bahamas|"
    r"Costa\s+Rica|Panama|Guatemala|Ecuador|Bolivia|Paraguay|Uruguay|Iceland|Luxembourg|Monaco|"
    r"Malta|Cyprus|Croatia|Serbia|Slovenia|Slovakia|Hungary|Czech\s+Republic|Czechia|Romania|"
    r"Bulgaria|Estonia|Latvia|Lithuania|Belarus|Moldova|Albania|Kosovo|Bosnia|Montenegro|"
    r"Morocco|Algeria|Tunisia|Libya|Sudan|Somalia|Uganda|Tanzania|Rwanda|Ghana|Senegal|"
    r"Cameroon|Ivory\s+Coast|Zimbabwe|Zambia|Nepal|Sri\s+Lanka|Afghanistan|Myanmar|Mongolia|"
    r"Kazakhstan|Uzbekistan|Armenia|Azerbaijan|Kuwait|Bahrain|Oman|Yemen|"
    r"United\s+Arab\s+Emirates|UAE|Fiji|Samoa|Papua\s+New\s+Guinea)"
)
# Countries and continents: a where-answer that names only one says less than the town or
# venue beside it ("a heat wave in Brazil forced Swift to postpone the show in Rio de Janeiro")
COUNTRY = (
    rf"(?:the\s+)?(?:{_NATIONS}|Europe|Asia|Africa|North\s+America|South\s+America|"
    r"Latin\s+America|the\s+Middle\s+East|Middle\s+East|EU|European\s+Union)"
)
# Cities and regions news names teams and markets after ("New York", "Las Vegas", "New
# England"): a who-question that wants a person is not answered by one
CITY = (
    r"(?:New\s+York(?:\s+City)?|Los\s+Angeles|Las\s+Vegas|Chicago|Houston|Phoenix|Philadelphia|"
    r"San\s+Antonio|San\s+Diego|Dallas|San\s+Jose|Austin|Jacksonville|San\s+Francisco|Seattle|"
    r"Denver|Boston|Detroit|Nashville|Baltimore|Atlanta|Miami|Minneapolis|Cleveland|Cincinnati|"
    r"Pittsburgh|Buffalo|Indianapolis|Kansas\s+City|St\.?\s+Louis|Tampa(?:\s+Bay)?|Green\s+Bay|"
    r"New\s+Orleans|Charlotte|Carolina|Oakland|Sacramento|Portland|Salt\s+Lake\s+City|Milwaukee|"
    r"Orlando|Toronto|Montreal|Vancouver|Calgary|Edmonton|Ottawa|Winnipeg|New\s+England|"
    r"Silicon\s+Valley|London|Paris|Berlin|Madrid|Rome|Milan|Munich|Manchester|Liverpool|"
    r"Barcelona|Amsterdam|Dublin|Brussels|Vienna|Moscow|Kyiv|Beijing|Shanghai|Hong\s+Kong|Tokyo|"
    r"Seoul|Mumbai|New\s+Delhi|Delhi|Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Dubai|"
    r"Doha|Riyadh|Tel\s+Aviv|Jerusalem|Cairo|Istanbul|Mexico\s+City|Sao\s+Paulo|"
    r"Rio\s+de\s+Janeiro|Buenos\s+Aires|Lagos|Nairobi|Johannesburg)"
)
PLACE_NAME = re.compile(rf"^(?:{REGION}|{COUNTRY}|{CITY})$")
# "which country", "what nation", "which eu countries", "which us state": a country (or state)
# answers; otherwise one alone says less than a town. Not "the cherokee nation leader".
COUNTRY_Q = re.compile(
    r"\b(?:which|what)\s+(?:[\w.'’-]+\s+){0,2}?(?:countr(?:y|ies)|nations?|continents?|states?)\b",
    re.I,
)
COUNTRY_ONLY_RX = re.compile(
    rf"^(?:(?:in|at|to|from|into|across|inside|outside)\s+)?{COUNTRY}$", re.I
)
COUNTRY_ONLY = 0.8
# a continent or a part of the world alone says less still ("here in North America" of a game
# played in Hartford): weighed down again
WORLD_REGION_RX = re.compile(
    r"^(?:(?:in|at|to|from|into|across|inside|outside|throughout)\s+)?(?:the\s+)?"
    r"(?:(?:North|South|Central|Latin)\s+America|Americas|Europe|(?:Eastern|Western)\s+Europe|"
    r"Asia|(?:Southeast|South|East|Central)\s+Asia|Africa|(?:Sub-Saharan|North|West|East)\s+Africa|"
    r"Middle\s+East|Oceania|Scandinavia|Caribbean|Asia[\s-]Pacific)$",
    re.I,
)
WORLD_REGION = 0.75
# what an answer to "which country" ends with ("the Netherlands", "France and Spain"), and to
# "which state" ("the state of Wisconsin"); not "New York City Public Schools"
ENDS_IN_COUNTRY = re.compile(rf"\b(?:{NATION}|{COUNTRY})\W*$")
ENDS_IN_STATE = re.compile(rf"\b{REGION}\W*$")
NOT_A_COUNTRY = 0.3

# "took a week off to visit New York City": a place visited, named without a preposition
AFTER_VISIT = r"(?:(?<=\bvisit\s)|(?<=\bvisits\s)|(?<=\bvisited\s)|(?<=\bvisiting\s))"
