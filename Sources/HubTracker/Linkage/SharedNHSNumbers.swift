/// ``IdentityRule/nhsNumberSharedByDifferentPeople``: a valid NHS number that records of clearly different people
/// carry (a parent's number keyed on a child's children's social care record, a household member's number keyed by
/// mistake) is not identity evidence for any of them. One pass over the records grouped by number, before blocking and
/// scoring: a number is shared when two of its records are in a conflict that a shared number cannot outweigh
/// (``LinkageEngine/disputingSharedNHSNumber``: forenames that differ beyond a nickname or slip, twins, dates of birth
/// that differ beyond a slip, an adult/child age gap, a generation gap under one name). The records carrying such a
/// number, but those of a clear owner (``setAside(in:)``), then compare as having none (``EncodedRecords/nhs`` 0,
/// ``EncodedRecords/nhsSetAside`` set): no agreement, no disagreement, no deterministic link, no blocking on it, and no
/// cluster is refused for holding it; the record joins its own person on name, date of birth and address.
enum SharedNHSNumbers {
    /// Per record: true when its valid NHS number is set aside. Groups are compared pair by pair (most numbers are
    /// carried by one or two records). In a group holding a conflict, the records of one person that are clearly more
    /// than the rest (a mother's two records against her child's one) keep the number as theirs, for agreement among
    /// themselves and disagreement with others; every other carrier has it set aside. With no such majority (one record
    /// against one) every carrier has it set aside. (Setting it aside on the owner's records too cost their
    /// disagreement with a namesake born the same day elsewhere: on typo-heavy generated data 5 more merged persons.)
    static func setAside(in records: EncodedRecords) -> [Bool] {
        var carriers: [(nhs: UInt64, record: Int32)] = []
        for index in 0..<records.count where records.nhs[index] != 0 {
            carriers.append((records.nhs[index], Int32(index)))
        }
        carriers.sort { $0.nhs != $1.nhs ? $0.nhs < $1.nhs : $0.record < $1.record }
        var aside = [Bool](repeating: false, count: records.count)
        PairComparator.withComparator(records) { comparator in
            var start = 0
            while start < carriers.count {
                var end = start + 1
                while end < carriers.count && carriers[end].nhs == carriers[start].nhs { end += 1 }
                if end - start > 1 {
                    for record in foreignCarriers(carriers[start..<end].map { Int($0.record) }, comparator) {
                        aside[record] = true
                    }
                }
                start = end
            }
        }
        return aside
    }

    /// The carriers of one number whose number is set aside: none when no two of them conflict; else those outside the
    /// owner's records (greedily, fewest conflicts first, records that conflict with none taken so far) when the owner's
    /// are more than the rest, every carrier otherwise.
    private static func foreignCarriers(_ group: [Int], _ comparator: PairComparator) -> [Int] {
        let k = group.count
        var conflicting = [Bool](repeating: false, count: k * k)
        var degree = [Int](repeating: 0, count: k)
        for i in 0..<k {
            for j in (i + 1)..<k {
                let conflicts = comparator.compare(group[i], group[j]).conflicts
                if !conflicts.isDisjoint(with: LinkageEngine.disputingSharedNHSNumber) {
                    conflicting[i * k + j] = true
                    conflicting[j * k + i] = true
                    degree[i] += 1
                    degree[j] += 1
                }
            }
        }
        guard degree.contains(where: { $0 > 0 }) else { return [] }
        var owner: [Int] = []
        for i in (0..<k).sorted(by: { degree[$0] != degree[$1] ? degree[$0] < degree[$1] : $0 < $1 })
        where !owner.contains(where: { conflicting[i * k + $0] }) {
            owner.append(i)
        }
        if owner.count * 2 <= k { return group }
        return (0..<k).filter { !owner.contains($0) }.map { group[$0] }
    }
}

extension EncodedRecords {
    /// Sets aside the NHS numbers of the records ``SharedNHSNumbers/setAside(in:)`` finds, and of the records in `known`
    /// (found among these and records outside them, as the person view's explainer is told); returns how many records
    /// had theirs set aside.
    @discardableResult
    mutating func setAsideSharedNHSNumbers(known: Set<Int> = []) -> Int {
        var aside = SharedNHSNumbers.setAside(in: self)
        for index in known where index >= 0 && index < count { aside[index] = true }
        var setAside = 0
        for index in 0..<count where aside[index] && nhs[index] != 0 {
            nhs[index] = 0
            nhsSetAside[index] = true
            setAside += 1
        }
        return setAside
    }
}
