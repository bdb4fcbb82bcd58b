"""Generic British name and place lists for the fictional county of Piphire.

Every list here is a list of common words or common British names; no list
describes a real individual. Surnames are ordered roughly by how common they
are in South Wales (the Welsh patronymic surnames dominate), so a Zipf weight on
the rank gives realistic term frequencies: many Joneses, few Pritchards.
"""

# Surnames, most common first (rank drives frequency).
SURNAMES = """
Jones Williams Davies Evans Thomas Roberts Lewis Hughes Morgan Griffiths
Smith Taylor Brown Edwards James Rees Jenkins Phillips Price Owen
Wilson Johnson Walker Wright Harris Thompson Wood Hall Green Clarke
Morris Powell Lloyd Richards Watkins John Parry Bowen Matthews Howells
White Martin Jackson Hill Moore Clark Turner Cooper Ward King
Baker Harrison Young Allen Mitchell Robinson Bennett Carter Collins Bell
Shaw Cook Richardson Ellis Hopkins Pugh Protheroe Pritchard Harries Rowlands
Baldwin Barnes Bevan Bird Bishop Black Bradley Brooks Burton Butler
Chapman Coleman Cox Cross Dawson Dixon Doyle Duncan Elliott Ferguson
Fisher Fletcher Ford Foster Fox Fraser Gardner Gibson Gill Gordon
Graham Grant Gray Hamilton Harper Hart Hayes Henderson Holmes Hunt
Hunter Jordan Kelly Kennedy Knight Lane Lawrence Lee Marshall Mason
Mills Murphy Murray Nelson Newman Owens Palmer Parker Payne Pearce
Pearson Perry Porter Reid Reynolds Rice Robertson Rogers Rose Russell
Ryan Saunders Scott Simpson Spencer Stevens Stewart Stone Sullivan Tucker
Walsh Warren Watson Webb Wells West Wheeler Wilkinson Woods Yates
Ashworth Bateman Beddoe Bowden Cadwallader Craddock Dando Eynon Gwilliam Hier
Howell Ifans Jenkin Kemble Llewellyn Maddock Meredith Nash Onions Parfitt
Penry Prosser Probert Relf Salter Sansom Tanner Upton Vaughan Voyle
Wathen Yeoman Abbott Ahmed Akhtar Ali Begum Chowdhury Hussain Khan
Patel Rahman Shah Singh Kaur Nowak Kowalski Wisniewski Silva Santos
OBrien OConnor McCarthy McDonald MacKenzie Quinn Byrne Doherty Kavanagh Nolan
""".split()

# Surnames written with an apostrophe in some systems and without in others.
APOSTROPHE_SURNAMES = {"OBrien": "O'Brien", "OConnor": "O'Connor"}

# Forenames by the decade band of birth: (before 1960, 1960-1989, 1990 on).
MALE_OLD = """
John William David Thomas Robert James George Kenneth Ronald Peter
Brian Michael Edward Dennis Alan Raymond Arthur Frederick Harold Leonard
Gwyn Dafydd Emlyn Glyn Idris Trevor Clifford Douglas Gordon Stanley
Richard Charles Anthony Roy Derek Keith Norman Ernest Albert Henry
""".split()
MALE_MID = """
David Paul Mark Andrew Stephen Christopher Michael Richard Gareth Jason
Darren Craig Lee Wayne Neil Simon Ian Martin Anthony Jonathan
Matthew Daniel James Robert Steven Carl Dean Rhys Huw Owain
Nicholas Philip Kevin Gary Shaun Jamie Ryan Scott Adam Thomas
""".split()
MALE_YOUNG = """
Oliver Jack Harry Jacob Charlie Thomas George Oscar James William
Noah Alfie Joshua Leo Archie Ethan Freddie Henry Theodore Samuel
Dylan Rhys Osian Cai Ioan Evan Tomos Harri Ellis Lewis
Mason Logan Riley Tyler Kai Max Reuben Daniel Joseph Benjamin
Alexander Nathan Luke Liam Callum Aaron Connor Kieran Jake Louis
""".split()
FEMALE_OLD = """
Margaret Mary Patricia Jean Joan Elizabeth Dorothy Barbara Joyce Betty
Sheila Doreen Eileen Brenda Gwendoline Gwyneth Glenys Megan Olwen Enid
Ann Catherine Edna Irene Marjorie Hilda Violet Mavis Beryl Audrey
Valerie Pauline Christine Susan Janet Maureen Sandra Carol Ruth Josephine
""".split()
FEMALE_MID = """
Sarah Claire Emma Nicola Lisa Rachel Louise Kelly Helen Joanne
Samantha Rebecca Victoria Catherine Katherine Elizabeth Michelle Donna Angharad Sian
Rhian Nia Ceri Bethan Jennifer Amanda Deborah Karen Tracey Julie
Kerry Natalie Laura Hayley Gemma Stacey Leanne Danielle Kirsty Charlotte
""".split()
FEMALE_YOUNG = """
Olivia Amelia Isla Ava Mia Isabella Sophia Grace Lily Freya
Emily Ivy Ella Rosie Evie Florence Poppy Charlotte Willow Sienna
Ffion Seren Mali Cerys Megan Alys Lowri Eira Elin Carys
Chloe Jessica Lucy Ruby Holly Millie Phoebe Eleanor Abigail Hannah
Ellie Scarlett Alexandra Matilda Harriet Imogen Eva Layla Zara Maisie
""".split()

# Formal name -> informal names a service may record instead.
NICKNAMES = {
    "William": ["Bill", "Will", "Billy"], "Katherine": ["Kate", "Kathy", "Katie"],
    "Catherine": ["Cathy", "Kate", "Cath"], "Margaret": ["Peggy", "Maggie", "Meg"],
    "Elizabeth": ["Liz", "Beth", "Lizzie", "Betty"], "Robert": ["Bob", "Rob", "Bobby"],
    "Richard": ["Rich", "Rick", "Dick"], "James": ["Jim", "Jimmy", "Jamie"],
    "Thomas": ["Tom", "Tommy"], "Edward": ["Ed", "Ted", "Eddie"],
    "Michael": ["Mike", "Mick"], "Anthony": ["Tony", "Ant"],
    "Christopher": ["Chris"], "Alexander": ["Alex", "Sandy"],
    "Daniel": ["Dan", "Danny"], "Matthew": ["Matt"], "Joseph": ["Joe", "Joey"],
    "Samuel": ["Sam", "Sammy"], "Benjamin": ["Ben"], "Jonathan": ["Jon", "Jonny"],
    "Nicholas": ["Nick", "Nicky"], "Stephen": ["Steve"], "Steven": ["Steve"],
    "Andrew": ["Andy", "Drew"], "David": ["Dave", "Dai"], "Dafydd": ["Dai", "Dave"],
    "Peter": ["Pete"], "Charles": ["Charlie", "Chas"], "Frederick": ["Fred", "Freddie"],
    "Harold": ["Harry"], "Henry": ["Harry", "Hal"], "Leonard": ["Len", "Lenny"],
    "Kenneth": ["Ken", "Kenny"], "Ronald": ["Ron", "Ronnie"], "Raymond": ["Ray"],
    "Gareth": ["Gaz"], "Philip": ["Phil"], "Timothy": ["Tim"], "Gordon": ["Gordy"],
    "Theodore": ["Theo", "Ted"], "Oliver": ["Ollie"], "Jacob": ["Jake"],
    "Joshua": ["Josh"], "Nathan": ["Nate"], "Archie": ["Arch"], "Alfie": ["Alf"],
    "Patricia": ["Pat", "Trish", "Patsy"], "Susan": ["Sue", "Susie"],
    "Deborah": ["Debbie", "Deb"], "Rebecca": ["Becky", "Becca"],
    "Jennifer": ["Jen", "Jenny"], "Victoria": ["Vicky", "Tori"],
    "Samantha": ["Sam", "Sammy"], "Alexandra": ["Alex", "Lexi"],
    "Christine": ["Chris", "Chrissie"], "Dorothy": ["Dot", "Dotty"],
    "Gwendoline": ["Gwen"], "Josephine": ["Jo", "Josie"], "Abigail": ["Abby", "Abi"],
    "Olivia": ["Liv", "Livvy"], "Isabella": ["Bella", "Izzy"], "Amelia": ["Millie", "Mia"],
    "Eleanor": ["Ellie", "Nell"], "Charlotte": ["Lottie", "Charlie"],
    "Sarah": ["Sally"], "Mary": ["Molly", "Polly"], "Helen": ["Nell"],
    "Ann": ["Annie"], "Barbara": ["Babs"], "Valerie": ["Val"], "Pauline": ["Polly"],
    "Sandra": ["Sandy"], "Nicola": ["Nicky"], "Jessica": ["Jess"],
    "Danielle": ["Dani"], "Natalie": ["Nat"], "Harriet": ["Hattie"],
    "Matilda": ["Tilly"], "Florence": ["Flo"], "Hannah": ["Han"], "Megan": ["Meg"],
}

# Streets: a name and a type. Types and the abbreviations feeds use for them.
STREET_NAMES = """
High Church Station Mill Park Victoria Albert Queens Kings Stoops
Oak Ash Elm Beech Birch Willow Hawthorn Rowan Chestnut Holly
Bryn Heol Pant Nant Maes Cae Coed Dol Glan Tyr
Meadow Orchard Brook River Bridge Castle Abbey Chapel Market Forge
Windsor York Clarence Alexandra Princes Gower Neath Tawe Afon Cefn
Moorland Heather Fern Primrose Bluebell Daisy Clover Thistle Lavender Poppy
North South East West Upper Lower Hillside Valley Quarry Colliery
Greenfield Springfield Fairview Broadway Longacre Sandy Stone Pen Tir Garth
""".split()
STREET_TYPES = [
    ("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Close", "Cl"),
    ("Drive", "Dr"), ("Lane", "Ln"), ("Crescent", "Cres"), ("Gardens", "Gdns"),
    ("Terrace", "Terr"), ("Place", "Pl"), ("Way", "Wy"), ("Fold", "Fld"),
    ("Court", "Ct"), ("Grove", "Gr"), ("View", "Vw"),
]

# Towns of Piphire: (town, postcode district numbers, localities).
TOWNS = [
    ("PIP Town", [1, 2, 3, 4], ["Down Park", "Stoops Hill", "Millbrook", "Kingsmead",
                               "Abbeyfield", "Riverside", "Town Centre", "Pentre"]),
    ("Wexcombe", [5, 6], ["Wexcombe Vale", "Upper Wexcombe", "Harbourside"]),
    ("Hallowbridge", [7], ["Old Bridge", "Cwm Hallow"]),
    ("Marlpit", [8], ["Marlpit Green"]),
    ("Ashby Piph", [9], [""]),
]

# Letters Royal Mail uses in the inward (unit) part of a postcode.
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Fictional organisations and e-mail domains (.example is reserved, never real).
SOURCES = {
    "PIP-CSC": ("Piphire Council Children's Services", "piphire-council.example"),
    "PIP-ASC": ("Piphire Council Adult Services", "piphire-council.example"),
    "PIP-UHB": ("Piphire University Health Board", "pip-uhb.example"),
    "PIP-POLICE": ("Piphire Police", "piphire-police.example"),
    "PIP-EDU": ("Piphire Council Education", "piphire-schools.example"),
}
