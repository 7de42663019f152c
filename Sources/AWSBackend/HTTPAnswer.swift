/// A service's HTTP answer, fully read.
struct HTTPAnswer: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// The first value of a header, the name compared without case.
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The start of the body as text, for messages about answers rootmail cannot read.
    var bodyExcerpt: String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "an empty body" : "\"\(text)\(body.count > 300 ? "…" : "")\""
    }
}
