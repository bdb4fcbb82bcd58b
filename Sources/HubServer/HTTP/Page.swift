import Foundation
import Hummingbird

/// A page of a list as the API returns it: the items and, when more may follow, the cursor of the next page.
struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let items: [Item]
    /// Absent on the last page, and on lists that are not paged.
    let nextCursor: String?

    init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// A keyset page: a full page (as many items as asked for) may have more after it, named by its last item.
    init(items: [Item], limit: Int, position: (Item) -> PageCursor) {
        self.items = items
        nextCursor = items.count == limit ? items.last.map { position($0).encoded } : nil
    }
}
