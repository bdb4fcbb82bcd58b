import Synchronization

/// Text a closure writes while a store runs it on a task of its own (`exportLinks`), read once the store returns.
public final class ExportedText: Sendable {
    private let text = Mutex("")

    public init() {}

    public func append(_ piece: String) { text.withLock { $0 += piece } }

    public var value: String { text.withLock { $0 } }
}
