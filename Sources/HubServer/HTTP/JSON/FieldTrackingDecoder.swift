import Foundation

/// A decoder that passes every call on to another one (here, `JSONDecoder`'s) and notes, for each JSON object
/// read, which of its keys the `Decodable` type asked for. What is left over afterwards is a field the type does
/// not know. Leaves (strings, numbers, dates…) are decoded by the decoder underneath, so its strategies and its
/// errors apply unchanged.
struct FieldTrackingDecoder: Decoder {
    let base: any Decoder
    let ledger: FieldLedger

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let typed = try base.container(keyedBy: Key.self)
        let object = ledger.object(try base.container(keyedBy: AnyFieldKey.self))
        return KeyedDecodingContainer(TrackedKeyedContainer(base: typed, object: object, ledger: ledger))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        TrackedUnkeyedContainer(base: try base.unkeyedContainer(), ledger: ledger)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TrackedSingleValueContainer(base: try base.singleValueContainer(), decoder: self)
    }

    /// Values the decoder underneath decodes by itself, without asking for containers we could follow.
    static func isLeaf<T>(_ type: T.Type) -> Bool {
        type == String.self || type == Bool.self || type == Int.self || type == Double.self || type == Date.self
            || type == Int64.self || type == Int32.self || type == Int16.self || type == Int8.self || type == UInt.self
            || type == UInt64.self || type == UInt32.self || type == UInt16.self || type == UInt8.self || type == Float.self
            || type == Data.self || type == URL.self || type == Decimal.self || type == UUID.self
    }
}

/// The JSON objects one decoding opened, each with the keys it has and the keys that were asked for.
final class FieldLedger: @unchecked Sendable {  // used by one decoding, on one thread
    final class Object {
        let keys: KeyedDecodingContainer<AnyFieldKey>
        var asked: Set<String> = []

        init(keys: KeyedDecodingContainer<AnyFieldKey>) { self.keys = keys }
    }

    private var objects: [Object] = []

    func object(_ keys: KeyedDecodingContainer<AnyFieldKey>) -> Object {
        let object = Object(keys: keys)
        objects.append(object)
        return object
    }

    /// Whether some object has a key, with a value other than null, that nothing asked for.
    var hasUnaskedField: Bool {
        objects.contains { object in
            object.keys.allKeys.contains { key in
                !object.asked.contains(key.stringValue) && (try? object.keys.decodeNil(forKey: key)) != true
            }
        }
    }
}

/// Any key of a JSON object.
struct AnyFieldKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

private struct TrackedKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<Key>
    let object: FieldLedger.Object
    let ledger: FieldLedger

    var codingPath: [any CodingKey] { base.codingPath }
    var allKeys: [Key] { base.allKeys }

    private func asked(_ key: Key) { object.asked.insert(key.stringValue) }

    func contains(_ key: Key) -> Bool {
        asked(key)
        return base.contains(key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        asked(key)
        return try base.decodeNil(forKey: key)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { asked(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { asked(key); return try base.decode(type, forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        asked(key)
        // Leaves, and missing or null values (whose errors and defaults the decoder underneath knows best).
        if FieldTrackingDecoder.isLeaf(type) || !base.contains(key) { return try base.decode(type, forKey: key) }
        if try base.decodeNil(forKey: key) { return try base.decode(type, forKey: key) }
        return try T(from: FieldTrackingDecoder(base: try base.superDecoder(forKey: key), ledger: ledger))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        asked(key)
        let typed = try base.nestedContainer(keyedBy: NestedKey.self, forKey: key)
        let nested = ledger.object(try base.nestedContainer(keyedBy: AnyFieldKey.self, forKey: key))
        return KeyedDecodingContainer(TrackedKeyedContainer<NestedKey>(base: typed, object: nested, ledger: ledger))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        asked(key)
        return TrackedUnkeyedContainer(base: try base.nestedUnkeyedContainer(forKey: key), ledger: ledger)
    }

    func superDecoder() throws -> any Decoder {
        object.asked.insert("super")
        return FieldTrackingDecoder(base: try base.superDecoder(), ledger: ledger)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        asked(key)
        return FieldTrackingDecoder(base: try base.superDecoder(forKey: key), ledger: ledger)
    }
}

private struct TrackedUnkeyedContainer: UnkeyedDecodingContainer {
    var base: any UnkeyedDecodingContainer
    let ledger: FieldLedger

    var codingPath: [any CodingKey] { base.codingPath }
    var count: Int? { base.count }
    var isAtEnd: Bool { base.isAtEnd }
    var currentIndex: Int { base.currentIndex }

    mutating func decodeNil() throws -> Bool { try base.decodeNil() }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // Leaves, the end, and null elements: the decoder underneath, for its own errors. (A copy peeks.)
        if FieldTrackingDecoder.isLeaf(type) || base.isAtEnd { return try base.decode(type) }
        var peek = base
        if try peek.decodeNil() { return try base.decode(type) }
        return try T(from: FieldTrackingDecoder(base: try base.superDecoder(), ledger: ledger))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        var peek = base
        let nested = ledger.object(try peek.nestedContainer(keyedBy: AnyFieldKey.self))
        let typed = try base.nestedContainer(keyedBy: NestedKey.self)
        return KeyedDecodingContainer(TrackedKeyedContainer<NestedKey>(base: typed, object: nested, ledger: ledger))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        TrackedUnkeyedContainer(base: try base.nestedUnkeyedContainer(), ledger: ledger)
    }

    mutating func superDecoder() throws -> any Decoder {
        FieldTrackingDecoder(base: try base.superDecoder(), ledger: ledger)
    }
}

private struct TrackedSingleValueContainer: SingleValueDecodingContainer {
    let base: any SingleValueDecodingContainer
    let decoder: FieldTrackingDecoder

    var codingPath: [any CodingKey] { base.codingPath }

    func decodeNil() -> Bool { base.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if FieldTrackingDecoder.isLeaf(type) || base.decodeNil() { return try base.decode(type) }
        return try T(from: decoder)
    }
}
