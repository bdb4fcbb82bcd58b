import HubData
import Testing

@Suite struct DatabaseLocationTests {
    @Test func aMalformedURLIsRefusedNamingTheSettingItCameFrom() {
        #expect(throws: DatabaseURLError.self) { try DatabaseLocation.configuration(fromURL: "mysql://x@h/db") }
        do {
            _ = try DatabaseLocation.configuration(fromURL: "http://owner@db/hub", variable: "HUB_MIGRATION_DATABASE_URL")
            Issue.record("an http URL was accepted")
        } catch let error as DatabaseURLError {
            #expect(error.reason == "HUB_MIGRATION_DATABASE_URL must look like postgres://user:password@host:5432/database")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aURLWithoutAHostIsRefusedNamingTheSetting() {
        do {
            _ = try DatabaseLocation.configuration(fromURL: "postgres:///hub")
            Issue.record("a URL without a host was accepted")
        } catch let error as DatabaseURLError {
            #expect(error.reason == "DATABASE_URL names no host")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
