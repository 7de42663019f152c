import Foundation
import RootmailCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of every leaf element of a small XML document, keyed by its path from the root
/// (`ErrorResponse/Error/Code`). STS's answers are shallow records, which this reads exactly.
struct XMLPaths: Sendable {
    private let texts: [String: String]

    /// Nil when the bytes are not well-formed XML.
    init?(_ bytes: [UInt8]) {
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        texts = collector.texts
    }

    subscript(path: String) -> String? { texts[path] }

    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String: String] = [:]
        private var path: [String] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            path.append(elementName)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            let key = path.joined(separator: "/")
            if texts[key] == nil { texts[key] = text.trimmingWhitespace() }
            path.removeLast()
            text = ""
        }
    }
}
