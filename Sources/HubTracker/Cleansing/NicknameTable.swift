/// Maps a forename to its canonical full form(s): `bill → william`, `peggy → margaret`, and spelling
/// variants to one spelling (`catherine → katherine`). A short form shared by several names maps to all
/// of them (`alex → alexander, alexandra`); two forenames are nickname-equal when their canonical forms
/// share one. Names in folded form (see ``TextFolding``).
public struct NicknameTable: Sendable, Hashable {
    private let canonical: [String: [String]]
    /// Per canonical form: the nicknames and variants that map to it (`margaret → [peggy, maggie, meg, …]`).
    private let nicknamesByForm: [String: [String]]

    /// Builds a table from `(nickname or variant, canonical forms)` entries.
    public init(entries: [(String, [String])]) {
        var table: [String: [String]] = [:]
        var reverse: [String: [String]] = [:]
        for (name, forms) in entries {
            let existing = table[name] ?? []
            table[name] = existing + forms.filter { !existing.contains($0) }
            for form in forms where form != name && !(reverse[form] ?? []).contains(name) { reverse[form, default: []].append(name) }
        }
        self.canonical = table
        self.nicknamesByForm = reverse
    }

    /// The nicknames and variants of a canonical form (`dorothy → [dot, dotty, dolly]`), in table order; none when the
    /// table knows none. A keying slip in a nickname (`Dto`, `Joosh`) is one edit from one of these.
    public func nicknames(of form: String) -> [String] {
        nicknamesByForm[form] ?? []
    }

    /// The canonical forms of `forename`, itself when the table does not know it.
    public func canonicalForms(of forename: String) -> [String] {
        canonical[forename] ?? [forename]
    }

    /// True when the two forenames share a canonical form.
    public func areNicknameEqual(_ a: String, _ b: String) -> Bool {
        let formsOfB = canonicalForms(of: b)
        return canonicalForms(of: a).contains { formsOfB.contains($0) }
    }

    /// How many names the table knows.
    public var count: Int { canonical.count }

    /// Common British (and Welsh) nicknames, short forms and spelling variants.
    public static let british = NicknameTable(entries: britishEntries)

    private static let britishEntries: [(String, [String])] = [
        // Spelling variants folded to one spelling.
        ("catherine", ["katherine"]), ("kathryn", ["katherine"]), ("katharine", ["katherine"]),
        ("catharine", ["katherine"]), ("steven", ["stephen"]), ("phillip", ["philip"]),
        ("anne", ["ann"]), ("jeffrey", ["geoffrey"]), ("jeffery", ["geoffrey"]), ("laurence", ["lawrence"]),
        ("antony", ["anthony"]), ("sara", ["sarah"]), ("isobel", ["isabel"]), ("isabelle", ["isabel"]),
        ("elisabeth", ["elizabeth"]), ("rebekah", ["rebecca"]), ("debra", ["deborah"]),
        ("jonathon", ["jonathan"]), ("mathew", ["matthew"]), ("nicolas", ["nicholas"]), ("micheal", ["michael"]),
        ("dafydd", ["david"]), ("sion", ["john"]), ("gwilym", ["william"]),
        // Men's nicknames.
        ("bill", ["william"]), ("billy", ["william"]), ("will", ["william"]), ("willy", ["william"]),
        ("willie", ["william"]), ("liam", ["william"]), ("gwil", ["william"]),
        ("bob", ["robert"]), ("bobby", ["robert"]), ("rob", ["robert"]), ("robbie", ["robert"]), ("robin", ["robert"]),
        ("jim", ["james"]), ("jimmy", ["james"]), ("jamie", ["james"]), ("jimmie", ["james"]),
        ("dick", ["richard"]), ("rick", ["richard"]), ("ricky", ["richard"]), ("rich", ["richard"]),
        ("richie", ["richard"]),
        ("tom", ["thomas"]), ("tommy", ["thomas"]), ("twm", ["thomas"]),
        ("tony", ["anthony"]),
        ("dave", ["david"]), ("davy", ["david"]), ("davie", ["david"]), ("dai", ["david"]), ("dewi", ["david"]),
        ("mike", ["michael"]), ("mick", ["michael"]), ("micky", ["michael"]), ("mickey", ["michael"]),
        ("mikey", ["michael"]),
        ("steve", ["stephen"]), ("stevie", ["stephen"]),
        ("dan", ["daniel"]), ("danny", ["daniel"]),
        ("joe", ["joseph"]), ("joey", ["joseph"]),
        ("jack", ["john"]), ("johnny", ["john"]), ("jon", ["john", "jonathan"]),
        ("ted", ["edward", "theodore"]), ("teddy", ["edward", "theodore"]), ("ned", ["edward"]),
        ("ed", ["edward", "edwin", "edmund"]), ("eddie", ["edward", "edwin", "edmund"]),
        ("eddy", ["edward", "edwin", "edmund"]),
        ("harry", ["henry", "harold"]), ("hal", ["henry"]), ("hank", ["henry"]),
        ("fred", ["frederick", "alfred"]), ("freddie", ["frederick", "alfred"]), ("freddy", ["frederick", "alfred"]),
        ("alf", ["alfred"]), ("alfie", ["alfred"]),
        ("chas", ["charles"]), ("chuck", ["charles"]), ("charlie", ["charles", "charlotte"]),
        ("andy", ["andrew"]), ("drew", ["andrew"]),
        ("ben", ["benjamin", "benedict"]), ("benny", ["benjamin"]), ("benji", ["benjamin"]),
        ("greg", ["gregory"]), ("geoff", ["geoffrey"]), ("jeff", ["geoffrey"]),
        ("gerry", ["gerald", "gerard", "geraldine"]), ("jerry", ["gerald", "jeremy"]),
        ("larry", ["lawrence"]), ("len", ["leonard"]), ("lenny", ["leonard"]), ("leo", ["leonard", "leon"]),
        ("matt", ["matthew"]), ("matty", ["matthew"]),
        ("nat", ["nathan", "nathaniel", "natalie"]), ("nate", ["nathan", "nathaniel"]),
        ("phil", ["philip"]), ("pete", ["peter"]),
        ("ron", ["ronald"]), ("ronnie", ["ronald"]), ("ray", ["raymond"]),
        ("reg", ["reginald"]), ("reggie", ["reginald"]), ("stan", ["stanley"]),
        ("tim", ["timothy"]), ("timmy", ["timothy"]), ("wally", ["walter"]), ("walt", ["walter"]),
        ("archie", ["archibald"]), ("theo", ["theodore"]), ("jake", ["jacob"]),
        ("zach", ["zachary"]), ("zack", ["zachary"]), ("josh", ["joshua"]),
        ("nick", ["nicholas"]), ("nicky", ["nicholas", "nicola"]),
        ("paddy", ["patrick"]), ("pat", ["patrick", "patricia"]),
        ("frank", ["francis"]), ("frankie", ["francis", "frances"]), ("fran", ["frances", "francis"]),
        ("chris", ["christopher", "christine", "christina"]), ("kit", ["christopher"]),
        ("alex", ["alexander", "alexandra"]), ("alec", ["alexander"]), ("sandy", ["alexander", "alexandra", "sandra"]),
        ("sam", ["samuel", "samantha"]), ("sammy", ["samuel", "samantha"]),
        ("terry", ["terence", "theresa"]), ("tel", ["terence"]),
        ("ollie", ["oliver", "olivia"]), ("olly", ["oliver", "olivia"]),
        ("tobi", ["tobias"]), ("toby", ["tobias"]), ("kenny", ["kenneth"]), ("ken", ["kenneth"]),
        ("don", ["donald"]), ("donny", ["donald"]), ("doug", ["douglas"]), ("gaz", ["gareth", "gary"]),
        ("huw", ["hugh"]), ("hughie", ["hugh"]), ("iolo", ["iorwerth"]), ("guto", ["gruffudd"]),
        ("ant", ["anthony"]), ("jonny", ["jonathan", "john"]), ("gordy", ["gordon"]), ("arch", ["archibald"]),
        ("baz", ["barry"]), ("dom", ["dominic"]), ("seb", ["sebastian"]), ("sid", ["sidney"]),
        ("ernie", ["ernest"]), ("bert", ["albert", "herbert", "bertram"]), ("bertie", ["albert", "herbert", "bertram"]),
        ("gus", ["angus", "augustus"]),
        // Women's nicknames.
        ("kate", ["katherine"]), ("katie", ["katherine"]), ("katy", ["katherine"]), ("kathy", ["katherine"]),
        ("kath", ["katherine"]), ("kat", ["katherine"]), ("cathy", ["katherine"]), ("cath", ["katherine"]),
        ("kitty", ["katherine"]), ("cate", ["katherine"]),
        ("peggy", ["margaret"]), ("maggie", ["margaret"]), ("meg", ["margaret", "megan"]), ("madge", ["margaret"]),
        ("marge", ["margaret"]), ("margie", ["margaret"]), ("mags", ["margaret"]), ("greta", ["margaret"]),
        ("liz", ["elizabeth"]), ("lizzie", ["elizabeth"]), ("lizzy", ["elizabeth"]), ("beth", ["elizabeth", "bethan"]),
        ("betty", ["elizabeth"]), ("bess", ["elizabeth"]), ("bessie", ["elizabeth"]), ("eliza", ["elizabeth"]),
        ("libby", ["elizabeth"]), ("elsie", ["elizabeth"]), ("betsy", ["elizabeth"]),
        ("sue", ["susan", "susannah"]), ("susie", ["susan", "susannah"]), ("suzy", ["susan", "susannah"]),
        ("jenny", ["jennifer"]), ("jen", ["jennifer"]), ("jenni", ["jennifer"]),
        ("becky", ["rebecca"]), ("becca", ["rebecca"]), ("bex", ["rebecca"]),
        ("vicky", ["victoria"]), ("vicki", ["victoria"]), ("tori", ["victoria"]),
        ("debbie", ["deborah"]), ("deb", ["deborah"]), ("debs", ["deborah"]),
        ("mandy", ["amanda"]), ("abby", ["abigail"]), ("abbie", ["abigail"]), ("abi", ["abigail"]),
        ("annie", ["ann"]), ("nancy", ["ann"]), ("nan", ["ann"]), ("bea", ["beatrice"]), ("trixie", ["beatrice"]),
        ("connie", ["constance"]), ("di", ["diana"]), ("dot", ["dorothy"]), ("dotty", ["dorothy"]),
        ("dolly", ["dorothy"]), ("ellie", ["eleanor", "ellen", "elinor"]), ("nell", ["eleanor", "helen", "ellen"]),
        ("nellie", ["eleanor", "helen", "ellen"]), ("emmy", ["emily", "emma"]), ("em", ["emily", "emma"]),
        ("gill", ["gillian"]), ("jill", ["gillian"]), ("jillian", ["gillian"]),
        ("jackie", ["jacqueline"]), ("jacqui", ["jacqueline"]), ("jan", ["janet", "janice"]),
        ("jess", ["jessica"]), ("jessie", ["jessica"]), ("kim", ["kimberley"]),
        ("maddie", ["madeleine"]), ("maddy", ["madeleine"]), ("molly", ["mary"]), ("polly", ["mary", "pauline"]),
        ("pam", ["pamela"]), ("sally", ["sarah"]), ("sal", ["sarah"]),
        ("tess", ["theresa"]), ("tessa", ["theresa"]), ("teresa", ["theresa"]), ("val", ["valerie"]),
        ("trish", ["patricia"]), ("tricia", ["patricia"]), ("patsy", ["patricia"]), ("patty", ["patricia"]),
        ("lottie", ["charlotte"]), ("lotty", ["charlotte"]), ("izzy", ["isabel", "isabella"]),
        ("bella", ["isabella"]), ("millie", ["amelia", "mildred", "camilla"]), ("milly", ["amelia", "mildred", "camilla"]),
        ("evie", ["eve", "evelyn"]), ("rosie", ["rose", "rosemary"]), ("nicki", ["nicola"]), ("nikki", ["nicola"]),
        ("steph", ["stephanie"]), ("jo", ["joanne", "joanna", "josephine"]), ("josie", ["josephine"]),
        ("gwen", ["gwendolen"]), ("gwendoline", ["gwendolen"]), ("lori", ["laura"]),
        ("ali", ["alison", "alistair"]), ("ally", ["alison", "alexandra"]), ("cindy", ["lucinda", "cynthia"]),
        ("babs", ["barbara"]), ("barb", ["barbara"]), ("chrissie", ["christine", "christina"]),
        ("liv", ["olivia"]), ("livvy", ["olivia"]), ("dani", ["danielle"]), ("hattie", ["harriet"]),
        ("tilly", ["matilda"]), ("flo", ["florence"]), ("florrie", ["florence"]), ("han", ["hannah"]),
        ("fliss", ["felicity"]), ("immy", ["imogen"]), ("lexi", ["alexandra"]), ("sadie", ["sarah"]),
        ("winnie", ["winifred"]), ("trudy", ["gertrude"]), ("nessa", ["vanessa"]), ("pip", ["philippa", "philip"]),
        ("sasha", ["alexandra", "alexander"]), ("kez", ["kerry"]),
        ("viv", ["vivian", "vivienne"]), ("andi", ["andrea"]), ("tina", ["christina", "christine"]),
    ]
}
