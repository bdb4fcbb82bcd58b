import Crypto
import Foundation

/// SHA-256 digests for the tracker: a feed file's (to recognise a file imported before) and a record's
/// supplied details (to see a change without comparing every field).
public enum TrackerDigest {
    /// The hex SHA-256 of a file, read 1 MiB at a time, and its size in bytes.
    public static func file(at url: URL) throws -> (sha256: String, size: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    /// The hex SHA-256 of fields joined with a unit separator (joined first and hashed at once: an update per
    /// field cost more than the hashing, for a million records).
    public static func fields(_ fields: [String]) -> String {
        var joined: [UInt8] = []
        joined.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { joined.append(0x1F) }
            joined.append(contentsOf: field.utf8)
        }
        return hex(SHA256.hash(data: joined))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
