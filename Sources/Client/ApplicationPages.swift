import Foundation
import Model

/// The applications list as the platform paged it: the items, and for each page the cursor it
/// was asked with and the tag it came with, so that the next refresh can revalidate every page
/// (see `PlatformClient.applications(revalidating:)`). Cached as one file, so tags and items
/// always belong together.
public struct ApplicationPages: Codable, Sendable, Equatable {
    public struct Page: Codable, Sendable, Equatable {
        /// The cursor the page was asked with; nil for the first.
        public var cursor: String?
        public var etag: String?
        public var count: Int
        /// The cursor of the page after it; nil for the last.
        public var next: String?

        public init(cursor: String?, etag: String?, count: Int, next: String?) {
            self.cursor = cursor
            self.etag = etag
            self.count = count
            self.next = next
        }
    }

    public var pages: [Page]
    public var items: [Application]

    public init(pages: [Page], items: [Application]) {
        self.pages = pages
        self.items = items
    }
}
