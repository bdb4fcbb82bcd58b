/// The RAG rating of an information-sharing incident: how urgently partners must share what they know.
public enum RAGRating: String, Sendable, Codable, CaseIterable, Hashable {
    case red
    case amber
    case green
}
