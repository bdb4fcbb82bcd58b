/// Where an SLA clock stands. Raw values are the stored form.
///
/// `breached` covers both an open clock that is past its due instant and a clock stopped after it; use
/// `SLAClock.isStopped` to tell them apart.
public enum SLAClockState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Counting, and not past its due instant.
    case running
    /// Not counting, and was not past its due instant when it paused.
    case paused
    /// Stopped on or before its due instant.
    case met
    /// Past its due instant.
    case breached
}
