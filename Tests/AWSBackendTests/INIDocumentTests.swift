@testable import AWSBackend
import Testing

@Suite("AWS configuration files", .tags(.unit))
struct INIDocumentTests {
    @Test("sections, = and : separators, lower-cased keys, whole-line comments")
    func basicSyntax() throws {
        let document = try INIDocument(parsing: """
            # a comment
            ; another comment
            [default]
            Region = eu-west-1
            AWS_Access_Key_ID: AKIDEXAMPLE
            [profile demo]
            output=json
            endpoint_url = http://127.0.0.1:5000#not-a-comment
            """, fileName: "config")
        #expect(document.section("default")?.values == ["region": "eu-west-1", "aws_access_key_id": "AKIDEXAMPLE"])
        #expect(document.section("profile demo")?.values["output"] == "json")
        // botocore keeps inline # and ; in values.
        #expect(document.section("profile demo")?.values["endpoint_url"] == "http://127.0.0.1:5000#not-a-comment")
    }

    @Test("an empty-valued key followed by indented lines is a sub-section")
    func subsections() throws {
        let document = try INIDocument(parsing: """
            [services local]
            organizations =
              endpoint_url = http://127.0.0.1:4000
              Other : x
            account =
                endpoint_url = http://127.0.0.1:4001
            sts = http://unused
            """, fileName: "config")
        let section = try #require(document.section("services local"))
        #expect(section.subsections["organizations"] == ["endpoint_url": "http://127.0.0.1:4000", "other": "x"])
        #expect(section.subsections["account"] == ["endpoint_url": "http://127.0.0.1:4001"])
        #expect(section.values["sts"] == "http://unused")
    }

    @Test("indented lines after a key with a value continue that value, even one that looks like a header")
    func continuation() throws {
        let document = try INIDocument(parsing: "[x]\ncommand = first\n  second\n  [y]\n", fileName: "config")
        #expect(document.section("x")?.values["command"] == "first\nsecond\n[y]")
        #expect(document.section("y") == nil)
    }

    @Test("malformed lines are reported with the file and line number")
    func errors() {
        #expect(throws: INIParseError(fileName: "credentials", line: 1,
                                      problem: "a setting comes before any [section] header")) {
            try INIDocument(parsing: "key = value\n", fileName: "credentials")
        }
        #expect(throws: INIParseError(fileName: "config", line: 3,
                                      problem: "expected \"name = value\" (or \"name: value\")")) {
            try INIDocument(parsing: "[default]\n\nno separator here\n", fileName: "config")
        }
        #expect(throws: INIParseError(fileName: "config", line: 1, problem: "a section header must look like [name]")) {
            try INIDocument(parsing: "[default\n", fileName: "config")
        }
    }

    @Test("shell words split as shlex does")
    func shellWords() throws {
        #expect(try ShellWords.split(#"/bin/tool --name "two words" 'single $x' back\ slash "q\"uote""#)
            == ["/bin/tool", "--name", "two words", "single $x", "back slash", "q\"uote"])
        #expect(try ShellWords.split("  spaced   out  ") == ["spaced", "out"])
        #expect(try ShellWords.split(#"empty "" arg"#) == ["empty", "", "arg"])
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("open 'quote") }
    }
}
