/// `POST /api/v1/actions/{id}/completion`: what was done.
struct ActionCompletionRequest: Codable, Sendable {
    var note: String
}
