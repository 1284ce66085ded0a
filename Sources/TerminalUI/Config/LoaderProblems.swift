import ConfigFormat

/// What the theme and keymap loaders report: a `ConfigProblem` naming file, line and key.
public typealias ThemeProblem = ConfigProblem
public typealias KeymapProblem = ConfigProblem
