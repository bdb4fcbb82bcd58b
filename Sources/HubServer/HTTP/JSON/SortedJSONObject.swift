import Foundation

/// Compact JSON objects with sorted keys, as `JSONEncoder` writes them with `.sortedKeys`.
enum SortedJSONObject {
    /// The union of two such objects' members, in key order; nil if either is not an object or a key is in both.
    static func merge(_ first: [UInt8], _ second: [UInt8]) -> [UInt8]? {
        guard let a = members(of: first), let b = members(of: second) else { return nil }
        var result: [UInt8] = [UInt8(ascii: "{")]
        result.reserveCapacity(first.count + second.count)
        var i = 0, j = 0
        func append(_ member: ArraySlice<UInt8>) {
            if result.count > 1 { result.append(UInt8(ascii: ",")) }
            result.append(contentsOf: member)
        }
        while i < a.count || j < b.count {
            if j == b.count { append(a[i].member); i += 1; continue }
            if i == a.count { append(b[j].member); j += 1; continue }
            if a[i].key == b[j].key { return nil }
            if a[i].key.lexicographicallyPrecedes(b[j].key) { append(a[i].member); i += 1 } else { append(b[j].member); j += 1 }
        }
        result.append(UInt8(ascii: "}"))
        return result
    }

    /// The top-level members (`"key":value`) of a compact JSON object, each with its key's bytes.
    static func members(of object: [UInt8]) -> [(key: ArraySlice<UInt8>, member: ArraySlice<UInt8>)]? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        guard object.count >= 2, object.first == UInt8(ascii: "{"), object.last == UInt8(ascii: "}") else { return nil }
        var result: [(key: ArraySlice<UInt8>, member: ArraySlice<UInt8>)] = []
        var depth = 0, inString = false, escaped = false
        var start = 1
        var keyEnd: Int?
        for index in 1..<(object.count - 1) {
            let byte = object[index]
            if inString {
                if escaped { escaped = false } else if byte == backslash { escaped = true } else if byte == quote {
                    inString = false
                    if depth == 0, keyEnd == nil { keyEnd = index }
                }
                continue
            }
            switch byte {
            case quote: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                guard let end = keyEnd, object[start] == quote else { return nil }
                result.append((object[(start + 1)..<end], object[start..<index]))
                start = index + 1
                keyEnd = nil
            default: break
            }
        }
        if start < object.count - 1 {
            guard let end = keyEnd, object[start] == quote else { return nil }
            result.append((object[(start + 1)..<end], object[start..<(object.count - 1)]))
        }
        return result
    }
}
