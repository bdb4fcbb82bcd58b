import HubData
import Testing

/// What the log may say about an error that is not the database's: its type always, its description only when it is
/// one of Hub's that promises to quote nothing.
@Suite("Errors as the log says them")
struct LoggedErrorTests {
    struct ForeignError: Error, CustomStringConvertible {
        var description: String { "could not file Ceri Peters, 2016-04-02" }
    }

    struct OwnError: LoggableError {
        var description: String { "rule cpp_child_attends_ae has no parameters" }
    }

    @Test func anotherLibrarysErrorIsLoggedByItsTypeOnly() {
        let logged = LoggedError(ForeignError())
        #expect(logged.metadata["error.type"] == "HubDataTests.LoggedErrorTests.ForeignError")
        #expect(logged.metadata["error.message"] == nil)
        #expect(!logged.description.contains("Ceri"))
    }

    @Test func oursIsLoggedWithItsDescription() {
        let logged = LoggedError(OwnError())
        #expect(logged.metadata["error.message"] == "rule cpp_child_attends_ae has no parameters")
        #expect(logged.description == "HubDataTests.LoggedErrorTests.OwnError message=rule cpp_child_attends_ae has no parameters")
    }
}
