/// The words address standardisation knows: abbreviations and their expansions, street-type words, the
/// words that introduce a flat, and floor descriptions. All in folded form (see ``TextFolding``).
enum AddressVocabulary {
    /// Abbreviation → expansion. `st` is absent: it is `street` or `saint` by position (see
    /// ``AddressCleanser``).
    static let expansions: [String: String] = [
        "rd": "road", "str": "street", "ave": "avenue", "av": "avenue", "avn": "avenue",
        "cl": "close", "clo": "close", "ct": "court", "crt": "court", "dr": "drive", "drv": "drive",
        "ln": "lane", "cres": "crescent", "cresc": "crescent", "cr": "crescent", "crs": "crescent",
        "gdns": "gardens", "gdn": "gardens", "gds": "gardens", "pl": "place", "sq": "square",
        "terr": "terrace", "ter": "terrace", "tce": "terrace", "trce": "terrace", "gr": "grove", "grv": "grove",
        "gro": "grove", "pk": "park", "hse": "house", "ho": "house", "mt": "mount", "mnt": "mount",
        "bldg": "building", "bldgs": "buildings", "cott": "cottage", "cotts": "cottages", "est": "estate",
        "ind": "industrial", "upr": "upper", "upp": "upper", "lwr": "lower", "gt": "great", "wy": "way",
        "wk": "walk", "wlk": "walk", "rw": "row", "hts": "heights", "vw": "view", "cnr": "corner", "fm": "farm",
        "hl": "hill", "grn": "green", "mdw": "meadow", "mdws": "meadows", "bvd": "boulevard", "blvd": "boulevard",
        "pde": "parade", "prom": "promenade", "esp": "esplanade", "embk": "embankment", "ctr": "centre",
        "cntr": "centre", "yd": "yard", "fld": "field", "flds": "fields", "nth": "north", "sth": "south",
        "ms": "mews", "apts": "apartments", "rdwy": "roadway", "gte": "gate", "cft": "croft",
    ]

    /// Words that make a line a street (`High Street`, `Stoops Fold`, `Heol y Nant`).
    static let streetTypes: Set<String> = [
        "road", "street", "avenue", "close", "court", "drive", "lane", "crescent", "gardens", "place", "square",
        "terrace", "grove", "park", "way", "walk", "row", "hill", "view", "mews", "rise", "fold", "green",
        "parade", "promenade", "esplanade", "embankment", "boulevard", "vale", "wynd", "croft", "meadow",
        "meadows", "heights", "approach", "circus", "gate", "yard", "field", "fields", "bank", "mount", "chase",
        "dene", "glade", "grange", "hollow", "path", "quay", "ridge", "wharf", "villas", "cottages", "close",
        "broadway", "causeway", "passage", "precinct", "estate", "side", "end", "brow", "dale", "gardens",
        // Welsh street words.
        "heol", "ffordd", "stryd", "lon", "rhodfa", "cilgant", "teras", "maes", "cwrt", "llys", "clos", "stad",
    ]

    /// Words that introduce a flat or sub-unit (`Flat 2`, `Apartment 3`, `Unit 4`).
    static let flatWords: Set<String> = [
        "flat", "flt", "fl", "apartment", "apt", "appt", "apartments", "unit", "room", "rm", "suite",
        "maisonette", "studio", "bedsit", "fflat",
    ]

    /// Floor descriptions that name a flat on their own (`Ground Floor Flat`, `Basement`).
    static let floorWords: [String: String] = [
        "basement": "basement", "lower": "lower ground floor", "ground": "ground floor", "first": "first floor",
        "1st": "first floor", "second": "second floor", "2nd": "second floor", "third": "third floor",
        "3rd": "third floor", "top": "top floor", "gff": "ground floor", "ff": "first floor",
    ]

    /// Words written before a house number (`No. 5`).
    static let numberWords: Set<String> = ["no", "number", "num"]
}
