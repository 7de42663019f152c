import Foundation
import RootmailStore
import Testing

@Suite("Data directory", .tags(.inProcess))
struct DataDirectoryTests {
    let fixture = Fixture()

    @Test("ROOTMAIL_HOME, then XDG_DATA_HOME, then HOME")
    func resolutionOrder() {
        let all = ["ROOTMAIL_HOME": "/srv/rootmail", "XDG_DATA_HOME": "/home/ann/.data", "HOME": "/home/ann"]
        #expect(DataDirectory.resolve(environment: all).path == "/srv/rootmail")
        #expect(DataDirectory.resolve(environment: all.merging(["ROOTMAIL_HOME": ""]) { $1 }).path
            == "/home/ann/.data/rootmail")
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "/home/ann/.data", "HOME": "/home/ann"]).path
            == "/home/ann/.data/rootmail")
        #expect(DataDirectory.resolve(environment: ["HOME": "/home/ann"]).path == "/home/ann/.local/share/rootmail")
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "", "HOME": "/home/ann"]).path
            == "/home/ann/.local/share/rootmail")
    }

    @Test("a relative XDG_DATA_HOME is ignored, as the XDG specification says")
    func relativeXDG() {
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ann"]).path
            == "/home/ann/.local/share/rootmail")
    }

    @Test("the directory rootmail creates is private (0700) and the database files 0600")
    func permissions() throws {
        let database = try fixture.openDatabase()
        try database.auditLog.append(.init(at: .now, callerARN: "arn:test", organizationID: "o-exampleorg1",
                                           accountID: Fixture.account, operation: "StartPrimaryEmailUpdate",
                                           oldEmail: nil, newEmail: nil, result: "PENDING"))

        #expect(try mode(of: fixture.directory.url) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(files.contains("rootmail.sqlite"))
        #expect(files.contains("rootmail.sqlite-wal"))
        for file in files {
            #expect(try mode(of: fixture.directory.file(file)) == 0o600, "\(file)")
        }
    }

    @Test("an existing directory keeps its mode")
    func existingDirectoryKeepsItsMode() throws {
        try FileManager.default.createDirectory(at: fixture.directory.url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.directory.path)

        _ = try fixture.openDatabase()

        #expect(try mode(of: fixture.directory.url) == 0o755)
        #expect(try mode(of: fixture.directory.file(RootmailDatabase.fileName)) == 0o600)
    }

    @Test("a shared directory others can write to (mode 1777) is refused by name, and left as it was")
    func sharedDirectoryIsRefused() throws {
        try FileManager.default.createDirectory(at: fixture.directory.url, withIntermediateDirectories: true)
        chmod(fixture.directory.path, 0o1777)

        #expect {
            try fixture.openDatabase()
        } throws: { error in
            "\(error)".contains("The data directory \(fixture.directory.path) can be written by other users")
                && "\(error)".contains("ROOTMAIL_HOME")
        }
        #expect(try mode(of: fixture.directory.url) == 0o1777)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).isEmpty)
    }

    @Test("a data directory that cannot be created is reported with the way out")
    func uncreatable() throws {
        try FileManager.default.createDirectory(at: fixture.directory.url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data("a file".utf8).write(to: fixture.directory.url)

        #expect {
            try fixture.openDatabase()
        } throws: { error in
            "\(error)".contains(fixture.directory.path) && "\(error)".contains("ROOTMAIL_HOME")
        }
    }

    private func mode(of url: URL) throws -> Int {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return -1 }
        return Int(status.st_mode & 0o7777)
    }
}
