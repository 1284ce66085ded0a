import ConfigFormat
import Testing

@Suite("XDG directories")
struct XDGDirectoriesTests {
    @Test("absolute XDG variables are used, relative ones ignored as the spec says")
    func directories() {
        let dirs = XDGDirectories(
            application: "smartmlops",
            environment: ["HOME": "/home/u", "XDG_CACHE_HOME": "/scratch/cache", "XDG_DATA_HOME": "relative", "XDG_STATE_HOME": ""])
        #expect(dirs.cache == "/scratch/cache/smartmlops")
        #expect(dirs.data == "/home/u/.local/share/smartmlops")
        #expect(dirs.config == "/home/u/.config/smartmlops")
        #expect(dirs.state == "/home/u/.local/state/smartmlops")
    }

    @Test("a trailing slash is not doubled")
    func trailingSlash() {
        let dirs = XDGDirectories(application: "app", environment: ["HOME": "/home/u/", "XDG_CONFIG_HOME": "/cfg/"])
        #expect(dirs.config == "/cfg/app")
        #expect(dirs.cache == "/home/u/.cache/app")
    }

    @Test("without an absolute HOME only the absolute variables give a directory")
    func withoutHome() {
        let dirs = XDGDirectories(application: "app", environment: ["HOME": "relative/home", "XDG_CONFIG_HOME": "/cfg"])
        #expect(dirs.config == "/cfg/app")
        #expect(dirs.data == nil && dirs.state == nil && dirs.cache == nil)
        #expect(XDGDirectories(application: "app", environment: [:]).config == nil)
    }
}
