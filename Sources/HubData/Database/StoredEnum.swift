import HubWorkflow
import NIOCore
import PostgresNIO

/// A domain enum stored as its raw text, read back strictly: a value the enum does not know is a decoding error,
/// never a default (a row written by a newer version, or edited by hand, must not be silently misread).
public protocol StoredEnum: RawRepresentable, PostgresDecodable where RawValue == String {}

extension StoredEnum {
    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        let raw = try String(from: &buffer, type: type, format: format, context: context)
        guard let value = Self(rawValue: raw) else { throw UnknownStoredValue(type: "\(Self.self)", value: raw) }
        self = value
    }
}

/// A stored value its enum does not know (the column's text and the enum's name; no personal data).
public struct UnknownStoredValue: LoggableError {
    public let type: String
    public let value: String

    public var description: String { "unknown \(type) value stored: \(value)" }
}

extension RAGRating: StoredEnum {}
extension IncidentState: StoredEnum {}
extension ReferralForm: StoredEnum {}
extension ReferralStatus: StoredEnum {}
extension SafeguardingService: StoredEnum {}
extension ThresholdDecisionKind: StoredEnum {}
extension RatificationVerdict: StoredEnum {}
extension ShareRequestState: StoredEnum {}
extension ClosureOutcome: StoredEnum {}
extension AdultRiskAtClosure: StoredEnum {}
extension ShareResponseKind: StoredEnum {}
extension AnswerChannel: StoredEnum {}
extension Role: StoredEnum {}
extension SLAClockState: StoredEnum {}
extension StrategyDiscussionKind: StoredEnum {}
extension StrategyOutcome: StoredEnum {}
extension MARACLinkKind: StoredEnum {}
extension StrategyActionState: StoredEnum {}
extension AlertCondition: StoredEnum {}
extension Agency.Kind: StoredEnum {}
