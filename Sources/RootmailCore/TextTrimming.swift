extension StringProtocol {
    /// The text without the Unicode white space (spaces, tabs, line breaks, no-break spaces)
    /// around it: what `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without the trip
    /// through NSString that costs microseconds on every value checked at the endpoint.
    public func trimmingWhitespace() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A control character (C0, C1, DEL) or an invisible format character such as a zero-width
    /// space or a direction mark: Unicode's categories Cc and Cf, as `CharacterSet.controlCharacters`.
    public var isControlOrFormat: Bool {
        properties.generalCategory == .control || properties.generalCategory == .format
    }

    /// White space, a control or a format character: what may not appear inside an address or
    /// an identifier. ASCII, nearly every character checked, is answered without Unicode's tables.
    public var isBlankOrInvisible: Bool {
        isASCII ? value <= 0x20 || value == 0x7F : properties.isWhitespace || isControlOrFormat
    }
}
