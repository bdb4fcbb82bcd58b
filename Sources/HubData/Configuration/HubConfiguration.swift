import Foundation

/// Every setting Hub takes from its environment, read in one place (the README's configuration table lists
/// them). Values are kept as given; each is checked where it is used, with a message naming the variable.
public struct HubConfiguration: Sendable {
    /// `DATABASE_URL`: a PostgreSQL server of the operator's; no embedded cluster when set.
    public var databaseURL: String?
    /// `HUB_MIGRATION_DATABASE_URL`: with `DATABASE_URL`, the same database as the role that owns the schema, for the
    /// migrations (`hub migrate`, and `hub serve` before it serves); `DATABASE_URL` then names the application's role.
    public var migrationDatabaseURL: String?
    /// `HUB_DATA_DIR`: the embedded cluster's folder.
    public var dataDirectory: String?
    /// `HUB_PORT`: the port `hub serve` listens on.
    public var port: String?
    /// `HUB_HOME`: where `migrations/`, `seed/` and `docs/` are.
    public var home: String?
    /// `HUB_PG_BIN`: PostgreSQL's server programs.
    public var postgresBin: String?
    /// `HUB_LOG_LEVEL`: `trace` … `critical`.
    public var logLevel: String?
    /// `HUB_PG_SHARED_BUFFERS_MB`, `HUB_PG_EFFECTIVE_CACHE_SIZE_MB`, `HUB_PG_WORK_MEM_MB`: the embedded cluster's
    /// memory (by variable name, as ``EmbeddedClusterMemory/override(from:)`` reads them).
    public var clusterMemory: [String: String]
    /// `HUB_WEBHOOK_URL`: where outbox messages (SLA escalations, alerts) are posted.
    public var webhookURL: String?
    /// `HUB_WEBHOOK_SECRET`: the HMAC key that signs them.
    public var webhookSecret: String?
    /// `HUB_SMTP_RELAY`: `host:port` of the operator's mail relay; with it, feedback to a referrer who gave an email
    /// address can be sent from Hub (issue #20).
    public var smtpRelay: String?
    /// `HUB_SMTP_FROM`: the address Hub's emails come from (default `mash@hub.invalid`).
    public var smtpFrom: String?
    /// `HUB_SECURE_COOKIES`: `1` when Hub is served over TLS (behind a proxy): the screens' cookies get `Secure`.
    public var secureCookies: Bool
    /// `HUB_TRUST_FORWARDED_FOR`: `1` when Hub is reached only through a reverse proxy that appends the client's
    /// address to `X-Forwarded-For`: the sign-in throttle counts against that address rather than the proxy's.
    public var trustForwardedFor: Bool
    /// `HUB_ENVIRONMENT`: what kind of deployment this is; `production` refuses settings meant only for testing.
    public var environmentName: String?
    /// `HUB_TEST_CLOCK`: `1` makes `hub serve` run on a test clock an administrator can move forward
    /// (`/api/v1/test-clock`), for acceptance testing of SLA warnings and breaches. Refused in production.
    public var testClock: Bool
    /// `HUB_SLA_POLICIES`: a JSON file naming the calendar policy of each SLA clock, applied when `hub serve` starts.
    public var slaPoliciesFile: String?
    /// `HUB_PASSWORD`: the new user's password for `hub user add` (else read from standard input).
    public var password: String?
    /// `USER`: who ran a command-line import, when `--operator` is not given.
    public var operatorName: String?
    /// `PATH`: searched for `initdb` and `pg_ctl` last.
    public var searchPath: String?

    public static let clusterMemoryVariables = ["HUB_PG_SHARED_BUFFERS_MB", "HUB_PG_EFFECTIVE_CACHE_SIZE_MB", "HUB_PG_WORK_MEM_MB"]

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        databaseURL = value("DATABASE_URL")
        migrationDatabaseURL = value("HUB_MIGRATION_DATABASE_URL")
        dataDirectory = value("HUB_DATA_DIR")
        port = value("HUB_PORT")
        home = value("HUB_HOME")
        postgresBin = value("HUB_PG_BIN")
        logLevel = value("HUB_LOG_LEVEL")
        clusterMemory = environment.filter { Self.clusterMemoryVariables.contains($0.key) }
        webhookURL = value("HUB_WEBHOOK_URL")
        webhookSecret = value("HUB_WEBHOOK_SECRET")
        smtpRelay = value("HUB_SMTP_RELAY")
        smtpFrom = value("HUB_SMTP_FROM")
        secureCookies = Self.isOn(environment["HUB_SECURE_COOKIES"])
        trustForwardedFor = Self.isOn(environment["HUB_TRUST_FORWARDED_FOR"])
        environmentName = value("HUB_ENVIRONMENT")
        testClock = Self.isOn(environment["HUB_TEST_CLOCK"])
        slaPoliciesFile = value("HUB_SLA_POLICIES")
        password = environment["HUB_PASSWORD"]
        operatorName = value("USER")
        searchPath = value("PATH")
    }

    /// Whether `HUB_ENVIRONMENT` says this is a production deployment (`production`, in any case).
    public var isProduction: Bool {
        environmentName?.trimmingCharacters(in: .whitespaces).lowercased() == "production"
    }

    /// A switch is on when set to `1`, `true` or `yes` (in any case).
    static func isOn(_ text: String?) -> Bool {
        ["1", "true", "yes"].contains(text?.lowercased() ?? "")
    }

    /// The configuration of this process: the one place Hub reads its environment.
    public static func fromProcess() -> HubConfiguration {
        HubConfiguration(environment: ProcessInfo.processInfo.environment)
    }
}
