/// Name and place vocabulary for ``SyntheticPopulation``: common British and Welsh forenames, surnames
/// in roughly their Welsh frequencies with a long invented tail, and the streets and towns of the
/// fictional county of Piphire.
enum SyntheticNames {
    static let female = [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya",
        "Willow", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Evelyn", "Sienna", "Sofia",
        "Daisy", "Phoebe", "Sarah", "Margaret", "Elizabeth", "Katherine", "Susan", "Patricia", "Jennifer", "Rebecca",
        "Victoria", "Deborah", "Amanda", "Abigail", "Dorothy", "Eleanor", "Gillian", "Jacqueline", "Jessica",
        "Megan", "Bethan", "Catrin", "Cerys", "Ffion", "Seren", "Nia", "Carys", "Angharad", "Rhiannon", "Sian",
        "Lowri", "Eira", "Gwen", "Mared", "Elin", "Manon", "Alys", "Shira", "Faye", "Amanda", "Jess", "Chloe",
        "Hannah", "Lucy", "Laura", "Emma", "Claire", "Nicola", "Michelle", "Karen", "Helen", "Julie", "Joanne",
        "Lisa", "Rachel", "Kelly", "Gemma", "Natalie", "Stephanie", "Samantha", "Zoe", "Leah", "Ruby", "Maisie",
        "Harriet", "Matilda", "Eliza", "Esme", "Nancy", "Mary", "Ann", "Jean", "Brenda", "Valerie", "Pamela",
    ]

    static let male = [
        "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad", "Jack", "Charlie", "Oscar", "Jacob",
        "Henry", "Thomas", "Freddie", "Alfie", "Theo", "William", "Theodore", "Archie", "Joshua", "Alexander",
        "James", "Isaac", "Edward", "Lucas", "Tommy", "Finley", "Max", "Logan", "Ethan", "Robert", "Richard",
        "David", "Michael", "Stephen", "Daniel", "Joseph", "John", "Anthony", "Christopher", "Andrew", "Benjamin",
        "Gregory", "Matthew", "Nicholas", "Patrick", "Peter", "Ronald", "Timothy", "Dylan", "Rhys", "Gareth",
        "Dafydd", "Owain", "Iwan", "Rhodri", "Gethin", "Emyr", "Huw", "Ieuan", "Osian", "Cai", "Tomos", "Elis",
        "Aled", "Geraint", "Aiden", "Liam", "Ryan", "Kyle", "Jordan", "Lewis", "Connor", "Callum", "Jake", "Kieran",
        "Mark", "Paul", "Darren", "Craig", "Lee", "Wayne", "Dean", "Kevin", "Gary", "Neil", "Keith", "Brian",
        "Alan", "Colin", "Derek", "Terence", "Raymond", "Kenneth", "Leonard", "Stanley", "Walter", "Frank",
    ]

    /// Canonical forename → nicknames a feed may use instead.
    static let nicknames: [String: [String]] = [
        "william": ["bill", "will", "billy", "liam"], "robert": ["bob", "rob", "bobby", "robbie"],
        "james": ["jim", "jimmy", "jamie"], "richard": ["dick", "rick", "richie"], "thomas": ["tom", "tommy"],
        "anthony": ["tony"], "david": ["dave", "dai", "davy"], "michael": ["mike", "mick", "micky"],
        "stephen": ["steve"], "daniel": ["dan", "danny"], "joseph": ["joe", "joey"], "john": ["jack", "johnny"],
        "edward": ["ted", "ed", "eddie"], "christopher": ["chris"], "andrew": ["andy", "drew"],
        "benjamin": ["ben", "benny"], "gregory": ["greg"], "matthew": ["matt"], "nicholas": ["nick"],
        "patrick": ["paddy", "pat"], "peter": ["pete"], "ronald": ["ron", "ronnie"], "timothy": ["tim"],
        "alexander": ["alex", "alec"], "margaret": ["peggy", "maggie", "meg"], "elizabeth": ["liz", "beth", "betty", "lizzie"],
        "katherine": ["kate", "katie", "kathy"], "susan": ["sue", "susie"], "patricia": ["pat", "trish"],
        "jennifer": ["jenny", "jen"], "rebecca": ["becky", "becca"], "victoria": ["vicky", "tori"],
        "deborah": ["debbie", "deb"], "amanda": ["mandy"], "abigail": ["abby", "abi"], "dorothy": ["dot", "dolly"],
        "eleanor": ["ellie", "nell"], "gillian": ["gill", "jill"], "jacqueline": ["jackie"], "jessica": ["jess"],
        "samantha": ["sam"], "stephanie": ["steph"], "kenneth": ["ken", "kenny"], "leonard": ["len"],
        "terence": ["terry"], "raymond": ["ray"], "stanley": ["stan"], "walter": ["wally"], "frank": ["frankie"],
        "charlotte": ["lottie", "charlie"], "harriet": ["hattie"], "matilda": ["tilly"],
    ]

    /// The most common Welsh surnames with their approximate share of the population.
    static let commonSurnames: [(String, Double)] = [
        ("Jones", 5.75), ("Williams", 3.9), ("Davies", 3.6), ("Evans", 2.2), ("Thomas", 2.1), ("Roberts", 1.4),
        ("Lewis", 1.2), ("Hughes", 1.1), ("Morgan", 1.1), ("Griffiths", 0.9), ("Edwards", 0.9), ("Smith", 0.8),
        ("James", 0.8), ("Rees", 0.7), ("Jenkins", 0.7), ("Owen", 0.6), ("Price", 0.6), ("Phillips", 0.6),
        ("Moss", 0.3), ("Richards", 0.5), ("Harris", 0.4), ("Lloyd", 0.4), ("Powell", 0.4), ("Morris", 0.4),
        ("Taylor", 0.4), ("Brown", 0.4), ("Wilson", 0.3), ("Johnson", 0.3), ("Walker", 0.3), ("Wright", 0.3),
        ("Peters", 0.2), ("O'Brien", 0.15), ("Smith-Jones", 0.05), ("Ap Rhys", 0.02), ("Pritchard", 0.2),
        ("Bowen", 0.2), ("Howells", 0.2), ("Parry", 0.3), ("Vaughan", 0.2), ("Watkins", 0.2), ("Llewellyn", 0.2),
        ("Prosser", 0.1), ("Pugh", 0.2), ("Gwynne", 0.05), ("McCarthy", 0.1), ("Kowalski", 0.05), ("Nowak", 0.05),
        ("Khan", 0.2), ("Ali", 0.2), ("Begum", 0.15), ("Patel", 0.15), ("Murphy", 0.15), ("Kelly", 0.1),
    ]

    private static let surnameStarts = [
        "Ash", "Bar", "Black", "Brad", "Bran", "Brook", "Cad", "Carr", "Chal", "Clay", "Cole", "Dal", "Dun", "East",
        "Fair", "Fern", "Fox", "Gar", "Glen", "Gold", "Green", "Hal", "Hart", "Hay", "Hol", "Kings", "Lang", "Lin",
        "Mar", "Mead", "Mill", "Mor", "New", "Nor", "Pen", "Pem", "Rad", "Red", "Ros", "Sal", "Shel", "Stan",
        "Sum", "Thorn", "Tre", "Wal", "War", "West", "Whit", "Wood", "Wy", "Cwm", "Llan", "Aber", "Bryn", "Caer",
    ]
    private static let surnameEnds = [
        "ford", "ley", "ton", "wood", "field", "well", "by", "worth", "ham", "more", "stone", "brook", "dale", "ridge",
        "wick", "land", "cott", "bury", "combe", "hurst", "don", "ell", "er", "ing", "low", "gate", "mere", "shaw",
        "croft", "ridge", "wyn", "ant", "ows", "ith", "ard", "ins", "er", "ey", "son", "ers",
    ]

    private static let commonCumulative: [Double] = {
        var running = 0.0
        return commonSurnames.map { running += $0.1; return running }
    }()

    /// A surname: common ones in proportion, otherwise one of about 2,200 invented ones.
    static func surname(_ random: inout SyntheticRandom) -> String {
        let commonShare = commonCumulative.last ?? 0
        if random.chance(commonShare / 100) {
            return commonSurnames[random.weighted(commonCumulative)].0
        }
        return surnameStarts[random.int(surnameStarts.count)] + surnameEnds[random.int(surnameEnds.count)]
    }

    /// A forename, skewed towards the front of the list (Zipf-like).
    static func forename(female: Bool, _ random: inout SyntheticRandom) -> String {
        let names = female ? SyntheticNames.female : SyntheticNames.male
        let first = random.int(names.count)
        let second = random.int(names.count)
        return names[min(first, second)]
    }

    static let streets = [
        "High", "Station", "Church", "Mill", "Park", "Stoops", "Victoria", "Queens", "Kings", "Chapel", "School",
        "Bridge", "Castle", "Market", "Oak", "Ash", "Beech", "Elm", "Willow", "Meadow", "Brook", "Hill", "Heol y Nant",
        "Maes y Coed", "Bryn", "Glan", "Tan y Bryn", "St Marys", "St Davids", "St Johns", "Orchard", "Garden",
        "Rose", "Primrose", "Heather", "Fern", "Cedar", "Holly", "Ivy", "Laurel", "Maple", "Pine", "Rowan",
        "Sycamore", "Acacia", "Hawthorn", "Juniper", "Linden", "Poplar", "Alder", "Birch", "Chestnut", "Hazel",
        "Down", "Caradog", "Dyfed", "Gwent", "Morgannwg", "Tawe", "Nedd", "Afan", "Cynon", "Rhondda", "Taff",
    ]

    static let streetTypes = [
        "Road", "Street", "Avenue", "Close", "Drive", "Lane", "Crescent", "Gardens", "Place", "Terrace", "Court",
        "Way", "View", "Fold", "Rise", "Walk",
    ]

    static let towns = ["PIP Town", "Llanpip", "Aberpip", "Pipton", "Cwmpip", "Porth Pip"]

    static let localities = ["Down Park", "Upper Pip", "Pipside", "Glanpip", "Bryn Pip", "Pip Vale", "Trepip"]
}
