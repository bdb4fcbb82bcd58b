/// Lawrence Philips' Double Metaphone phonetic encoding (C/C++ Users Journal, June 2000), which gives
/// `Smith` and `Schmidt`, `Thomas` and `Tomas`, `Catherine` and `Kathryn` shared codes. Used for blocking
/// and for sounds-like search. Letters outside A–Z are ignored, so fold the name first.
public enum DoubleMetaphone: Sendable {
    /// Encodes `word`; codes are at most `maxLength` characters (4 in the original algorithm).
    public static func encode(_ word: String, maxLength: Int = 4) -> PhoneticCode {
        var letters: [UInt8] = []
        letters.reserveCapacity(word.utf8.count)
        for byte in TextFolding.foldedBytes(word) {
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                letters.append(byte - 32)
            } else if byte == UInt8(ascii: " ") {
                letters.append(byte)  // "van " and "san " prefixes matter to the rules
            }
        }
        while letters.last == UInt8(ascii: " ") { letters.removeLast() }
        var encoder = Encoder(value: letters, maxLength: maxLength)
        encoder.run()
        return PhoneticCode(
            primary: String(decoding: encoder.primary, as: UTF8.self),
            alternate: String(decoding: encoder.alternate, as: UTF8.self))
    }

    private struct Encoder {
        let value: [UInt8]
        let maxLength: Int
        var primary: [UInt8] = []
        var alternate: [UInt8] = []
        let slavoGermanic: Bool

        init(value: [UInt8], maxLength: Int) {
            self.value = value
            self.maxLength = maxLength
            self.slavoGermanic = value.contains(UInt8(ascii: "W")) || value.contains(UInt8(ascii: "K"))
                || Encoder.containsSequence(value, "CZ") || Encoder.containsSequence(value, "WITZ")
        }

        static func containsSequence(_ value: [UInt8], _ sequence: StaticString) -> Bool {
            let needle = Array(UnsafeBufferPointer(start: sequence.utf8Start, count: sequence.utf8CodeUnitCount))
            guard needle.count <= value.count else { return false }
            for start in 0...(value.count - needle.count) where value[start..<(start + needle.count)].elementsEqual(needle) {
                return true
            }
            return false
        }

        var last: Int { value.count - 1 }
        var isComplete: Bool { primary.count >= maxLength && alternate.count >= maxLength }

        func at(_ index: Int) -> UInt8 { index >= 0 && index < value.count ? value[index] : 0 }

        func isVowel(_ c: UInt8) -> Bool {
            c == 65 || c == 69 || c == 73 || c == 79 || c == 85 || c == 89  // A E I O U Y
        }

        /// True when the `length` letters at `start` equal one of `options` (each `length` long).
        func matches(_ start: Int, _ length: Int, _ options: String...) -> Bool {
            guard start >= 0, start + length <= value.count else { return false }
            let slice = value[start..<(start + length)]
            return options.contains { $0.utf8.count == length && slice.elementsEqual($0.utf8) }
        }

        mutating func add(_ both: String) { add(both, both) }

        mutating func add(_ main: String, _ other: String) {
            addPrimary(main)
            addAlternate(other)
        }

        mutating func addPrimary(_ text: String) {
            for byte in text.utf8 where primary.count < maxLength { primary.append(byte) }
        }

        mutating func addAlternate(_ text: String) {
            for byte in text.utf8 where alternate.count < maxLength { alternate.append(byte) }
        }

        mutating func run() {
            guard !value.isEmpty else { return }
            var index = matches(0, 2, "GN", "KN", "PN", "WR", "PS") ? 1 : 0
            while !isComplete && index <= last {
                let c = value[index]
                switch c {
                case 65, 69, 73, 79, 85, 89:  // vowels
                    if index == 0 { add("A") }
                    index += 1
                case 66:  // B
                    add("P")
                    index += at(index + 1) == 66 ? 2 : 1
                case 67: index = handleC(index)
                case 68: index = handleD(index)
                case 70:  // F
                    add("F")
                    index += at(index + 1) == 70 ? 2 : 1
                case 71: index = handleG(index)
                case 72: index = handleH(index)
                case 74: index = handleJ(index)
                case 75:  // K
                    add("K")
                    index += at(index + 1) == 75 ? 2 : 1
                case 76: index = handleL(index)
                case 77:  // M
                    add("M")
                    index += conditionM0(index) ? 2 : 1
                case 78:  // N
                    add("N")
                    index += at(index + 1) == 78 ? 2 : 1
                case 80: index = handleP(index)
                case 81:  // Q
                    add("K")
                    index += at(index + 1) == 81 ? 2 : 1
                case 82: index = handleR(index)
                case 83: index = handleS(index)
                case 84: index = handleT(index)
                case 86:  // V
                    add("F")
                    index += at(index + 1) == 86 ? 2 : 1
                case 87: index = handleW(index)
                case 88: index = handleX(index)
                case 90: index = handleZ(index)
                default: index += 1
                }
            }
        }

        func conditionC0(_ index: Int) -> Bool {
            if matches(index, 4, "CHIA") { return true }
            if index <= 1 { return false }
            if isVowel(at(index - 2)) { return false }
            if !matches(index - 1, 3, "ACH") { return false }
            let c = at(index + 2)
            return (c != 73 && c != 69) || matches(index - 2, 6, "BACHER", "MACHER")
        }

        func conditionCH0(_ index: Int) -> Bool {
            guard index == 0 else { return false }
            if !matches(index + 1, 5, "HARAC", "HARIS") && !matches(index + 1, 3, "HOR", "HYM", "HIA", "HEM") {
                return false
            }
            return !matches(0, 5, "CHORE")
        }

        func conditionCH1(_ index: Int) -> Bool {
            matches(0, 4, "VAN ", "VON ") || matches(0, 3, "SCH")
                || matches(index - 2, 6, "ORCHES", "ARCHIT", "ORCHID")
                || matches(index + 2, 1, "T", "S")
                || ((matches(index - 1, 1, "A", "O", "U", "E") || index == 0)
                    && (matches(index + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ") || index + 1 == last))
        }

        func conditionL0(_ index: Int) -> Bool {
            if index == value.count - 3 && matches(index - 1, 4, "ILLO", "ILLA", "ALLE") { return true }
            return (matches(value.count - 2, 2, "AS", "OS") || matches(value.count - 1, 1, "A", "O"))
                && matches(index - 1, 4, "ALLE")
        }

        func conditionM0(_ index: Int) -> Bool {
            if at(index + 1) == 77 { return true }
            return matches(index - 1, 3, "UMB") && (index + 1 == last || matches(index + 2, 2, "ER"))
        }

        mutating func handleC(_ start: Int) -> Int {
            var index = start
            if conditionC0(index) {
                add("K")
                index += 2
            } else if index == 0 && matches(index, 6, "CAESAR") {
                add("S")
                index += 2
            } else if matches(index, 2, "CH") {
                index = handleCH(index)
            } else if matches(index, 2, "CZ") && !matches(index - 2, 4, "WICZ") {
                add("S", "X")
                index += 2
            } else if matches(index + 1, 3, "CIA") {
                add("X")
                index += 3
            } else if matches(index, 2, "CC") && !(index == 1 && at(0) == 77) {
                return handleCC(index)
            } else if matches(index, 2, "CK", "CG", "CQ") {
                add("K")
                index += 2
            } else if matches(index, 2, "CI", "CE", "CY") {
                if matches(index, 3, "CIO", "CIE", "CIA") { add("S", "X") } else { add("S") }
                index += 2
            } else {
                add("K")
                if matches(index + 1, 2, " C", " Q", " G") {
                    index += 3
                } else if matches(index + 1, 1, "C", "K", "Q") && !matches(index + 1, 2, "CE", "CI") {
                    index += 2
                } else {
                    index += 1
                }
            }
            return index
        }

        mutating func handleCC(_ index: Int) -> Int {
            if matches(index + 2, 1, "I", "E", "H") && !matches(index + 2, 2, "HU") {
                if (index == 1 && at(index - 1) == 65) || matches(index - 1, 5, "UCCEE", "UCCES") {
                    add("KS")
                } else {
                    add("X")
                }
                return index + 3
            }
            add("K")
            return index + 2
        }

        mutating func handleCH(_ index: Int) -> Int {
            if index > 0 && matches(index, 4, "CHAE") {
                add("K", "X")
            } else if conditionCH0(index) || conditionCH1(index) {
                add("K")
            } else if index > 0 {
                if matches(0, 2, "MC") { add("K") } else { add("X", "K") }
            } else {
                add("X")
            }
            return index + 2
        }

        mutating func handleD(_ index: Int) -> Int {
            if matches(index, 2, "DG") {
                if matches(index + 2, 1, "I", "E", "Y") {
                    add("J")
                    return index + 3
                }
                add("TK")
                return index + 2
            }
            add("T")
            return matches(index, 2, "DT", "DD") ? index + 2 : index + 1
        }

        mutating func handleG(_ start: Int) -> Int {
            var index = start
            if at(index + 1) == 72 {
                return handleGH(index)
            } else if at(index + 1) == 78 {
                if index == 1 && isVowel(at(0)) && !slavoGermanic {
                    add("KN", "N")
                } else if !matches(index + 2, 2, "EY") && at(index + 1) != 89 && !slavoGermanic {
                    add("N", "KN")
                } else {
                    add("KN")
                }
                index += 2
            } else if matches(index + 1, 2, "LI") && !slavoGermanic {
                add("KL", "L")
                index += 2
            } else if index == 0
                && (at(index + 1) == 89
                    || matches(index + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")) {
                add("K", "J")
                index += 2
            } else if (matches(index + 1, 2, "ER") || at(index + 1) == 89)
                && !matches(0, 6, "DANGER", "RANGER", "MANGER")
                && !matches(index - 1, 1, "E", "I")
                && !matches(index - 1, 3, "RGY", "OGY") {
                add("K", "J")
                index += 2
            } else if matches(index + 1, 1, "E", "I", "Y") || matches(index - 1, 4, "AGGI", "OGGI") {
                if matches(0, 4, "VAN ", "VON ") || matches(0, 3, "SCH") || matches(index + 1, 2, "ET") {
                    add("K")
                } else if matches(index + 1, 3, "IER") {
                    add("J")
                } else {
                    add("J", "K")
                }
                index += 2
            } else {
                index += at(index + 1) == 71 ? 2 : 1
                add("K")
            }
            return index
        }

        mutating func handleGH(_ start: Int) -> Int {
            var index = start
            if index > 0 && !isVowel(at(index - 1)) {
                add("K")
                index += 2
            } else if index == 0 {
                add(at(index + 2) == 73 ? "J" : "K")
                index += 2
            } else if (index > 1 && matches(index - 2, 1, "B", "H", "D"))
                || (index > 2 && matches(index - 3, 1, "B", "H", "D"))
                || (index > 3 && matches(index - 4, 1, "B", "H")) {
                index += 2
            } else {
                if index > 2 && at(index - 1) == 85 && matches(index - 3, 1, "C", "G", "L", "R", "T") {
                    add("F")
                } else if index > 0 && at(index - 1) != 73 {
                    add("K")
                }
                index += 2
            }
            return index
        }

        mutating func handleH(_ index: Int) -> Int {
            if (index == 0 || isVowel(at(index - 1))) && isVowel(at(index + 1)) {
                add("H")
                return index + 2
            }
            return index + 1
        }

        mutating func handleJ(_ index: Int) -> Int {
            if matches(index, 4, "JOSE") || matches(0, 4, "SAN ") {
                if (index == 0 && at(index + 4) == 32) || value.count == 4 || matches(0, 4, "SAN ") {
                    add("H")
                } else {
                    add("J", "H")
                }
                return index + 1
            }
            if index == 0 {
                add("J", "A")
            } else if isVowel(at(index - 1)) && !slavoGermanic && (at(index + 1) == 65 || at(index + 1) == 79) {
                add("J", "H")
            } else if index == last {
                add("J", "")
            } else if !matches(index + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z")
                && !matches(index - 1, 1, "S", "K", "L") {
                add("J")
            }
            return at(index + 1) == 74 ? index + 2 : index + 1
        }

        mutating func handleL(_ index: Int) -> Int {
            if at(index + 1) == 76 {
                if conditionL0(index) { addPrimary("L") } else { add("L") }
                return index + 2
            }
            add("L")
            return index + 1
        }

        mutating func handleP(_ index: Int) -> Int {
            if at(index + 1) == 72 {
                add("F")
                return index + 2
            }
            add("P")
            return matches(index + 1, 1, "P", "B") ? index + 2 : index + 1
        }

        mutating func handleR(_ index: Int) -> Int {
            if index == last && !slavoGermanic && matches(index - 2, 2, "IE") && !matches(index - 4, 2, "ME", "MA") {
                addAlternate("R")
            } else {
                add("R")
            }
            return at(index + 1) == 82 ? index + 2 : index + 1
        }

        mutating func handleS(_ start: Int) -> Int {
            var index = start
            if matches(index - 1, 3, "ISL", "YSL") {
                index += 1
            } else if index == 0 && matches(index, 5, "SUGAR") {
                add("X", "S")
                index += 1
            } else if matches(index, 2, "SH") {
                add(matches(index + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X")
                index += 2
            } else if matches(index, 3, "SIO", "SIA") || matches(index, 4, "SIAN") {
                if slavoGermanic { add("S") } else { add("S", "X") }
                index += 3
            } else if (index == 0 && matches(index + 1, 1, "M", "N", "L", "W")) || matches(index + 1, 1, "Z") {
                add("S", "X")
                index += matches(index + 1, 1, "Z") ? 2 : 1
            } else if matches(index, 2, "SC") {
                index = handleSC(index)
            } else {
                if index == last && matches(index - 2, 2, "AI", "OI") {
                    addAlternate("S")
                } else {
                    add("S")
                }
                index += matches(index + 1, 1, "S", "Z") ? 2 : 1
            }
            return index
        }

        mutating func handleSC(_ index: Int) -> Int {
            if at(index + 2) == 72 {
                if matches(index + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM") {
                    if matches(index + 3, 2, "ER", "EN") { add("X", "SK") } else { add("SK") }
                } else if index == 0 && !isVowel(at(3)) && at(3) != 87 {
                    add("X", "S")
                } else {
                    add("X")
                }
            } else if matches(index + 2, 1, "I", "E", "Y") {
                add("S")
            } else {
                add("SK")
            }
            return index + 3
        }

        mutating func handleT(_ index: Int) -> Int {
            if matches(index, 4, "TION") || matches(index, 3, "TIA", "TCH") {
                add("X")
                return index + 3
            }
            if matches(index, 2, "TH") || matches(index, 3, "TTH") {
                if matches(index + 2, 2, "OM", "AM") || matches(0, 4, "VAN ", "VON ") || matches(0, 3, "SCH") {
                    add("T")
                } else {
                    add("0", "T")
                }
                return index + 2
            }
            add("T")
            return matches(index + 1, 1, "T", "D") ? index + 2 : index + 1
        }

        mutating func handleW(_ index: Int) -> Int {
            if matches(index, 2, "WR") {
                add("R")
                return index + 2
            }
            if index == 0 && (isVowel(at(index + 1)) || matches(index, 2, "WH")) {
                if isVowel(at(index + 1)) { add("A", "F") } else { add("A") }
                return index + 1
            }
            if (index == last && isVowel(at(index - 1)))
                || matches(index - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || matches(0, 3, "SCH") {
                addAlternate("F")
                return index + 1
            }
            if matches(index, 4, "WICZ", "WITZ") {
                add("TS", "FX")
                return index + 4
            }
            return index + 1
        }

        mutating func handleX(_ index: Int) -> Int {
            if index == 0 {
                add("S")
                return index + 1
            }
            if !(index == last && (matches(index - 3, 3, "IAU", "EAU") || matches(index - 2, 2, "AU", "OU"))) {
                add("KS")
            }
            return matches(index + 1, 1, "C", "X") ? index + 2 : index + 1
        }

        mutating func handleZ(_ index: Int) -> Int {
            if at(index + 1) == 72 {
                add("J")
                return index + 2
            }
            if matches(index + 1, 2, "ZO", "ZI", "ZA") || (slavoGermanic && index > 0 && at(index - 1) != 84) {
                add("S", "TS")
            } else {
                add("S")
            }
            return at(index + 1) == 90 ? index + 2 : index + 1
        }
    }
}
