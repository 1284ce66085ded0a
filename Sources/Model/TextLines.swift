extension String {
    /// The lines of text that came from a file, a process or the network, as
    /// `split(separator: "\n", omittingEmptySubsequences: false)` would give them, but ending at LF
    /// or CRLF, without the CR. (`split(separator: "\n")` on a String compares Characters, and
    /// "\r\n" is one Character: text with CRLF line ends would not be split at all.)
    public var textLines: [Substring] {
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Substring(line.last == "\r" ? line.dropLast() : line)
        }
    }
}
