import Foundation
import HubWorkflow
import Logging
import PostgresNIO

/// The alert rules (`alert_rules`): rules are data, read at each evaluation, so a change applies at once.
public struct AlertRuleStore: Sendable {
    let database: Database
    var logger: Logger { database.logger }

    public init(database: Database) { self.database = database }

    /// Every rule, enabled or not, by code. A row that cannot be read as a rule is logged and left out.
    public func all(on connection: PostgresConnection) async throws -> [AlertRule] {
        var rules: [AlertRule] = []
        for try await row in try await connection.query(
            """
            SELECT code, title, condition, parameters::text, notify_agencies, explanation, enabled
            FROM alert_rules ORDER BY code
            """, logger: logger)
        {
            let (code, title, condition, parameters, agencies, explanation, enabled) =
                try row.decode((String, String, String, String, [String], String, Bool).self)
            guard let kind = AlertCondition(rawValue: condition),
                  let decoded = try? DocumentCoding.decode(AlertParameters.self, from: parameters)
            else {
                logger.error("alert rule cannot be read; skipped", metadata: ["rule": "\(code)"])
                continue
            }
            rules.append(AlertRule(code: code, title: title, condition: kind, parameters: decoded, notifyAgencies: agencies,
                                   explanation: explanation, enabled: enabled))
        }
        return rules
    }

    /// The enabled, valid rules that `trigger` sets off. An invalid rule is logged and skipped, never run.
    public func runnable(_ trigger: AlertTrigger, on connection: PostgresConnection) async throws -> [AlertRule] {
        try await all(on: connection).filter { rule in
            guard rule.enabled, rule.condition.trigger == trigger else { return false }
            let issues = rule.validate()
            if !issues.isEmpty { logger.error("alert rule is invalid; skipped", metadata: ["rule": "\(rule.code)", "issues": "\(issues)"]) }
            return issues.isEmpty
        }
    }

    /// Adds or replaces a rule (the caller has validated it and checked its agencies exist).
    public func save(_ rule: AlertRule, on connection: PostgresConnection) async throws {
        let parameters = try DocumentCoding.encode(rule.parameters)
        try await connection.query(
            """
            INSERT INTO alert_rules (code, title, condition, parameters, notify_agencies, explanation, enabled)
            VALUES (\(rule.code), \(rule.title), \(rule.condition.rawValue), \(parameters)::jsonb, \(rule.notifyAgencies),
                    \(rule.explanation), \(rule.enabled))
            ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, condition = EXCLUDED.condition,
                parameters = EXCLUDED.parameters, notify_agencies = EXCLUDED.notify_agencies,
                explanation = EXCLUDED.explanation, enabled = EXCLUDED.enabled
            """, logger: logger)
    }

    /// The agency codes among `codes` that do not exist.
    public func unknownAgencies(_ codes: [String], on connection: PostgresConnection) async throws -> [String] {
        let known = try await connection.query("SELECT code FROM agencies WHERE code = ANY(\(codes))", logger: logger)
            .collect().map { try $0.decode(String.self) }
        return codes.filter { !known.contains($0) }
    }
}
