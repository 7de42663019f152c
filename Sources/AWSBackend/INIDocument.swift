import RootmailCore

/// An AWS configuration or credentials file, read as botocore reads it: `[section]` headers,
/// `key = value` or `key: value`, whole-line `#` and `;` comments, keys in lower case, and an
/// empty-valued key followed by indented lines forming a sub-section
/// (`organizations =` / `  endpoint_url = …`). Values keep inline `#` and `;`, as botocore does.
struct INIDocument: Sendable, Equatable {
    struct Section: Sendable, Equatable {
        var values: [String: String] = [:]
        var subsections: [String: [String: String]] = [:]
    }

    /// Sections by their name as written between the brackets, trimmed.
    private(set) var sections: [String: Section] = [:]

    /// A file with no sections, as a missing file reads.
    init() {}

    /// Parses `text`; `fileName` only names the file in error messages.
    init(parsing text: String, fileName: String) throws(INIParseError) {
        var sectionName: String?
        var openKey: (name: String, indent: Int, isSubsection: Bool)?

        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let line = String(rawLine)
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count

            if let key = openKey, indent > key.indent, let section = sectionName {
                try continueValue(of: key, in: section, with: trimmed, fileName: fileName, lineNumber: lineNumber)
                continue
            }
            openKey = nil

            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                    throw INIParseError(fileName: fileName, line: lineNumber,
                                        problem: "a section header must look like [name]")
                }
                let name = String(trimmed.dropFirst().dropLast()).trimmingWhitespace()
                sectionName = name
                if sections[name] == nil { sections[name] = Section() }
                continue
            }
            guard let section = sectionName else {
                throw INIParseError(fileName: fileName, line: lineNumber,
                                    problem: "a setting comes before any [section] header")
            }
            let (key, value) = try Self.keyAndValue(trimmed, fileName: fileName, lineNumber: lineNumber)
            sections[section]?.values[key] = value
            openKey = (key, indent, value.isEmpty)
        }
    }

    func section(_ name: String) -> Section? { sections[name] }

    /// Indented lines after a key: sub-section entries when the key's own value was empty,
    /// otherwise further lines of that value (configparser's multi-line values).
    private mutating func continueValue(of key: (name: String, indent: Int, isSubsection: Bool), in section: String,
                                        with trimmed: String, fileName: String, lineNumber: Int) throws(INIParseError) {
        if key.isSubsection {
            let (subKey, subValue) = try Self.keyAndValue(trimmed, fileName: fileName, lineNumber: lineNumber)
            sections[section]?.subsections[key.name, default: [:]][subKey] = subValue
        } else {
            let previous = sections[section]?.values[key.name] ?? ""
            sections[section]?.values[key.name] = previous + "\n" + trimmed
        }
    }

    /// Splits at the first `=` or `:`, whichever comes first, as configparser does.
    private static func keyAndValue(_ line: String, fileName: String, lineNumber: Int) throws(INIParseError)
        -> (String, String)
    {
        guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            throw INIParseError(fileName: fileName, line: lineNumber,
                                problem: "expected \"name = value\" (or \"name: value\")")
        }
        let key = String(line[..<separator]).trimmingWhitespace().lowercased()
        guard !key.isEmpty else {
            throw INIParseError(fileName: fileName, line: lineNumber, problem: "a setting has no name before the \(line[separator])")
        }
        return (key, String(line[line.index(after: separator)...]).trimmingWhitespace())
    }
}

struct INIParseError: Error, Sendable, Equatable, CustomStringConvertible {
    let fileName: String
    let line: Int
    let problem: String

    var description: String { "\(fileName), line \(line): \(problem)." }
}
