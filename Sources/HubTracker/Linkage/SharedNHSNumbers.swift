/// ``IdentityRule/nhsNumberSharedByDifferentPeople``: a valid NHS number that records of clearly different people
/// carry (a parent's number keyed on a child's children's social care record, a household member's number keyed by
/// mistake) is not identity evidence for any of them. One pass over the records grouped by number, before blocking and
/// scoring: a number is shared when two of its records are in a conflict that a shared number cannot outweigh
/// (``LinkageEngine/disputingSharedNHSNumber``: forenames that differ beyond a nickname or slip, twins, dates of birth
/// that differ beyond a slip, an adult/child age gap, a generation gap under one name). Every record carrying such a
/// number then compares as having none (``EncodedRecords/nhs`` 0, ``EncodedRecords/nhsSetAside`` set): no agreement,
/// no disagreement, no deterministic link, no blocking on it, and no cluster is refused for holding it; the record
/// joins its own person on name, date of birth and address.
enum SharedNHSNumbers {
    /// The valid NHS numbers (as integers) among `records` that clearly different people carry. Groups are compared
    /// pair by pair until a conflict is found: most numbers are carried by one or two records.
    static func find(in records: EncodedRecords) -> Set<UInt64> {
        var carriers: [(nhs: UInt64, record: Int32)] = []
        for index in 0..<records.count where records.nhs[index] != 0 {
            carriers.append((records.nhs[index], Int32(index)))
        }
        carriers.sort { $0.nhs != $1.nhs ? $0.nhs < $1.nhs : $0.record < $1.record }
        var shared = Set<UInt64>()
        PairComparator.withComparator(records) { comparator in
            var start = 0
            while start < carriers.count {
                var end = start + 1
                while end < carriers.count && carriers[end].nhs == carriers[start].nhs { end += 1 }
                if end - start > 1 && groupHoldsDifferentPeople(carriers, start..<end, comparator) {
                    shared.insert(carriers[start].nhs)
                }
                start = end
            }
        }
        return shared
    }

    private static func groupHoldsDifferentPeople(
        _ carriers: [(nhs: UInt64, record: Int32)], _ group: Range<Int>, _ comparator: PairComparator
    ) -> Bool {
        for i in group {
            for j in (i + 1)..<group.upperBound {
                let conflicts = comparator.compare(Int(carriers[i].record), Int(carriers[j].record)).conflicts
                if !conflicts.isDisjoint(with: LinkageEngine.disputingSharedNHSNumber) { return true }
            }
        }
        return false
    }
}

extension EncodedRecords {
    /// Sets aside the NHS numbers that clearly different people carry among these records (``SharedNHSNumbers``), and
    /// those in `known` (found shared among records outside these, as the person view's explainer is told); returns how
    /// many records had theirs set aside.
    @discardableResult
    mutating func setAsideSharedNHSNumbers(known: Set<UInt64> = []) -> Int {
        let shared = SharedNHSNumbers.find(in: self).union(known)
        guard !shared.isEmpty else { return 0 }
        var setAside = 0
        for index in 0..<count where nhs[index] != 0 && shared.contains(nhs[index]) {
            nhs[index] = 0
            nhsSetAside[index] = true
            setAside += 1
        }
        return setAside
    }
}
