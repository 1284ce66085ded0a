import Client

/// Writes the create form's draft in the order it was typed: writes run as background commands,
/// so an older one may arrive after a newer one; it is then skipped.
actor DraftWriter {
    private var written = 0

    /// nil when saved (or skipped as outdated), else why it could not be.
    func save(_ draft: ApplicationDraft?, sequence: Int, cache: JSONCache) -> String? {
        guard sequence > written else { return nil }
        written = sequence
        do {
            if let draft { try cache.save(draft, key: ApplicationDraft.cacheKey) } else { try cache.remove(key: ApplicationDraft.cacheKey) }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
