/// A link the clustering did not apply, and why.
public struct RefusedLink: Sendable, Hashable {
    public var pair: PairScore
    public var refusal: LinkRefusal
}
