import ArgumentParser

@main
struct SmartMLOps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smartmlops",
        abstract: "The personal cabinet of HSE University's SmartMLOps platform, in the terminal.",
        discussion: """
            With no server configured the cabinet starts an embedded platform on loopback, with its data \
            under $XDG_DATA_HOME/smartmlops/local, so that everything works on one machine.
            """,
        subcommands: [CabinetCommand.self, ServeCommand.self, PlatformCommand.self, ThemesCommand.self, DashboardsCommand.self],
        defaultSubcommand: CabinetCommand.self)
}
