import ArgumentParser
import Foundation
import TerminalUI

/// `smartmlops themes`: the themes there are, and what each looks like.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the themes, or preview one.",
        subcommands: [List.self, Preview.self],
        defaultSubcommand: List.self)

    static var loader: ThemeLoader {
        ThemeLoader(shippedDirectory: ShippedFiles.directory("themes"),
                    userDirectory: ThemeLoader.userDirectory(application: "smartmlops", environment: ProcessInfo.processInfo.environment))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the themes: shipped ones and your own.")

        func run() {
            for listing in ThemesCommand.loader.available() {
                print("\(listing.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(listing.origin.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(listing.path)")
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every style of a theme.")

        @Argument(help: "The theme's name.")
        var name: String

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let depth = ColorDepth.detect(environment: environment, terminalColors: environment["TERM"] == "dumb" ? 0 : 256)
            let (theme, problems) = ThemesCommand.loader.load(name)
            for problem in problems { FileHandle.standardError.write(Data("\(problem.description)\n".utf8)) }
            print("\(theme.name) (\(depth))")
            for scope in theme.styles.keys.sorted() {
                let sample = " Tesseract OCR · Развернуто "
                let start = ANSI.sgr(theme.style(for: scope), depth: depth)
                let styled = start + sample + (start.isEmpty ? "" : ANSI.reset)
                print("\(scope.padding(toLength: 24, withPad: " ", startingAt: 0)) \(styled)")
            }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
