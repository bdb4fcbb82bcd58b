import HubData

extension Sequence where Element == Agency {
    /// Each agency's name by its code, as the screens name the agencies that codes stand for.
    var namesByCode: [String: String] { Dictionary(map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }) }
}
