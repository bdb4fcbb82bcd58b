/// A small deterministic generator (SplitMix64), so a failing history can be reproduced.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ upperBound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E49B
        z = (z ^ (z >> 27)) &* 0x94D4_9EB4_133B_B011
        z ^= z >> 31
        return Int(z % UInt64(upperBound))
    }
}
