import HubData
import Testing

@Suite("Tracker digests")
struct TrackerDigestTests {
    /// Details hashes are stored and compared with later extracts', so the digest of the same fields must never
    /// change: these are SHA-256 of the fields joined with U+001F, worked out independently (Python's hashlib).
    @Test func fieldsDigestIsSHA256OfTheFieldsJoinedWithAUnitSeparator() {
        #expect(TrackerDigest.fields(["PIP-CSC", "CSC0010670", "Shira", "", "Siân Ŵyn"])
                == "1679fc63c8bbff6e08581b0d7853dbce81d986035a50c15a49f9ba3f50537935")
        #expect(TrackerDigest.fields([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TrackerDigest.fields(["only"]) == "f905b19542ed08c9a9c26543cca32e5711d207dcffb81b4cdb44ce0b989431c9")
        // The separator keeps fields apart.
        #expect(TrackerDigest.fields(["ab", "c"]) != TrackerDigest.fields(["a", "bc"]))
    }
}
