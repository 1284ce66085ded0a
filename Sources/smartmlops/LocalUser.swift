import Foundation
import Model

/// The person at this terminal, as the embedded platform knows them.
enum LocalUser {
    static func current(environment: [String: String]) -> User {
        let raw = environment["USER"] ?? environment["LOGNAME"] ?? "developer"
        let login = Slug.derive(from: raw).isEmpty ? "developer" : Slug.derive(from: raw)
        return User(login: login, name: raw, email: "\(login)@localhost", isAdmin: true)
    }
}
