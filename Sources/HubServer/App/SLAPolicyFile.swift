import Foundation
import HubWorkflow

/// The operator's `HUB_SLA_POLICIES` file: the calendar policy of each SLA clock as JSON, in the form
/// `PUT /api/v1/sla-policies` takes (`{"red": "working-week", "amber": "working-week", "green": "working-week",
/// "strategyDiscussion": "continuous"}`). `hub serve` reads it strictly before it starts anything and applies it
/// once the database is migrated.
public struct SLAPolicyFile: Sendable, Hashable {
    public let path: String
    public let choice: SLAClockPolicyChoice

    /// Reads and checks the file: one that cannot be read, is not JSON, misses or adds a field, or names a policy
    /// `catalog` does not offer is refused with a message naming the variable, the file and the field.
    public static func load(path: String, catalog: SLACalendarPolicyCatalog = .standard()) throws(SLAPolicyFileError) -> SLAPolicyFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SLAPolicyFileError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let choice: SLAClockPolicyChoice
        do {
            choice = try HubJSONDecoder.decode(SLAClockPolicyChoice.self, from: data)
            _ = try choice.resolved(in: catalog)
        } catch let problem as Problem {
            let fields = problem.errors.map(\.description).joined(separator: "; ")
            throw SLAPolicyFileError(path: path, reason: fields.isEmpty ? problem.detail ?? problem.title : fields)
        } catch let failure as ValidationFailure {
            throw SLAPolicyFileError(path: path, reason: failure.description)
        } catch {
            throw SLAPolicyFileError(path: path, reason: "\(error)")
        }
        return SLAPolicyFile(path: path, choice: choice)
    }
}
