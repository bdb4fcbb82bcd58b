import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Every query parameter docs/openapi.yaml gives an enum takes exactly the values it lists: each listed value is
/// served (200), and any other is 400 naming the parameter and every value it takes (so a value added to the domain
/// and the document, but not to the refusal's message, fails here).
@Suite("Query parameters with listed values")
struct QueryEnumTests {
    @Test func everyListedValueIsTakenAndAnyOtherIsRefusedNamingThemAll() async throws {
        let operations = try OpenAPIOperations.load().filter { $0.method == "GET" && !$0.queryEnums.isEmpty }
        #expect(operations.map(\.path) == ["/api/v1/referrals", "/api/v1/incidents", "/api/v1/share-requests", "/api/v1/actions",
                                           "/api/v1/reports/{name}", "/api/v1/tracker/high-frequency", "/api/v1/alerts"])
        try await TestHub.run { (hub: TestHub) async throws in
            let manager = try await hub.signIn("manager")
            let purpose: HTTPFields = [HTTPField.Name("X-Hub-Purpose")!: "Board preparation"]
            for operation in operations {
                let path = operation.path.replacingOccurrences(of: "{name}", with: "volumes")
                for (name, values) in operation.queryEnums {
                    let refused = try await hub.request(.get, "\(path)?\(name)=lost", token: manager, headers: purpose)
                    #expect(refused.status == .badRequest, "\(path) \(name)=lost: \(refused.text)")
                    let errors = try #require(refused.json["errors"] as? [[String: Any]], "\(path) \(name)=lost: \(refused.text)")
                    #expect(errors.compactMap { $0["field"] as? String } == [name], "\(path)")
                    let message = errors.first?["message"] as? String ?? ""
                    let words = Set(message.split { ", ".contains($0) }.map(String.init))
                    let unnamed = values.filter { !words.contains($0) }
                    #expect(unnamed.isEmpty, "\(path) \(name): the refusal '\(message)' leaves out \(unnamed)")
                    for value in values {
                        let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
                        let taken = try await hub.request(.get, "\(path)?\(name)=\(encoded)", token: manager, headers: purpose)
                        #expect(taken.status == .ok, "\(path) \(name)=\(value): \(taken.text)")
                    }
                }
            }
        }
    }
}
