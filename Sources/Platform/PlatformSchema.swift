import GRDB
import Model

/// Versioned migrations. A migration, once released, is never edited: later schema changes are
/// new migrations appended here, so every earlier database upgrades in order.
enum PlatformSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    login TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    is_admin INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE teams (
                    slug TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL
                );
                CREATE TABLE team_members (
                    team TEXT NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
                    login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'maintainer', 'developer', 'viewer')),
                    PRIMARY KEY (team, login)
                );
                CREATE TABLE quotas (
                    team TEXT NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
                    resource TEXT NOT NULL,
                    hard INTEGER NOT NULL,
                    PRIMARY KEY (team, resource)
                );
                CREATE TABLE applications (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    team TEXT NOT NULL REFERENCES teams(slug),
                    template TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES users(login),
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX applications_by_update ON applications(updated_at DESC, id DESC);
                CREATE TABLE components (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    spec TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    reason TEXT,
                    message TEXT,
                    status_time REAL NOT NULL,
                    UNIQUE (application_id, name)
                );
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    component TEXT,
                    type TEXT NOT NULL CHECK (type IN ('normal', 'warning')),
                    reason TEXT NOT NULL,
                    message TEXT NOT NULL,
                    actor TEXT NOT NULL
                );
                CREATE INDEX events_by_application ON events(application_id, id);
                """)
        }
        migrator.registerMigration("v2-team-templates") { db in
            // Templates of teams (the built-ins live in code, Model.Template.builtIns).
            try db.execute(sql: """
                CREATE TABLE templates (
                    slug TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    team TEXT NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
                    components TEXT NOT NULL
                );
                CREATE INDEX events_by_time ON events(time);
                """)
        }
        migrator.registerMigration("v3-access-tokens") { db in
            // Personal access tokens: only a SHA-256 of each token is kept; the token itself is
            // shown once, when it is made.
            try db.execute(sql: """
                CREATE TABLE access_tokens (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    expires_at REAL,
                    last_used_at REAL
                );
                CREATE INDEX access_tokens_by_login ON access_tokens(login);
                """)
        }
        migrator.registerMigration("v4-grants") { db in
            // Per-application grants (a user or every member of a team gets a role on one
            // application), where team memberships came from (the API, or OIDC groups, which may
            // later take back only what they gave), and events of teams, which have no application.
            try db.execute(sql: """
                CREATE TABLE grants (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user', 'team')),
                    subject TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'maintainer', 'developer', 'viewer')),
                    created_at REAL NOT NULL,
                    created_by TEXT NOT NULL,
                    UNIQUE (application_id, subject_kind, subject)
                );
                CREATE INDEX grants_by_subject ON grants(subject_kind, subject);
                ALTER TABLE team_members ADD COLUMN source TEXT NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'oidc'));
                CREATE INDEX team_members_by_login ON team_members(login);
                CREATE TABLE team_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    team TEXT NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
                    reason TEXT NOT NULL,
                    message TEXT NOT NULL,
                    actor TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5-stored-namespaces") { db in
            // Each application's namespace is stored, unique, and looked up as stored: it used to be
            // derived from the owner and slug in a way two pairs could share (docs/security.md).
            try db.execute(sql: "ALTER TABLE applications ADD COLUMN namespace TEXT")
            for row in try Row.fetchAll(db, sql: "SELECT id, slug, author FROM applications ORDER BY id") {
                let namespace = Namespace.of(owner: row["author"], application: row["slug"])
                try db.execute(sql: "UPDATE applications SET namespace = ? WHERE id = ?", arguments: [namespace, row["id"]])
            }
            try db.execute(sql: "CREATE UNIQUE INDEX applications_by_namespace ON applications(namespace)")
        }
        migrator.registerMigration("v6-event-codes") { db in
            // What an event says as a code with parameters (Model's EventMessage), for clients to
            // word in their user's language; older events keep their English message alone.
            try db.execute(sql: "ALTER TABLE events ADD COLUMN code TEXT")
            try db.execute(sql: "ALTER TABLE events ADD COLUMN params TEXT")
        }
        migrator.registerMigration("v7-status-codes") { db in
            // The same for a component's status line, the message its latest status event gave.
            try db.execute(sql: "ALTER TABLE components ADD COLUMN status_code TEXT")
            try db.execute(sql: "ALTER TABLE components ADD COLUMN status_params TEXT")
        }
        return migrator
    }
}
