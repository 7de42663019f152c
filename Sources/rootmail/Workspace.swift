import EmbeddedOrganization
import Foundation
import RootmailCore
import RootmailStore

/// What a command works on: the data directory, the embedded organization in it and the
/// service for the chosen caller.
struct Workspace {
    let dataDirectory: DataDirectory
    let organization: EmbeddedOrganization
    let service: EmailUpdateService

    static func open(caller: String?) throws -> Workspace {
        do {
            let dataDirectory = DataDirectory.resolve()
            let organization = try EmbeddedOrganization.open(in: dataDirectory)
            let backend = try organization.backend(caller: caller)
            let service = try EmailUpdateService.open(backend: backend, dataDirectory: dataDirectory)
            return Workspace(dataDirectory: dataDirectory, organization: organization, service: service)
        } catch let error as RootmailError {
            throw CommandFailure(error)
        }
    }

    static func openOrganization() throws -> (DataDirectory, EmbeddedOrganization) {
        do {
            let dataDirectory = DataDirectory.resolve()
            return (dataDirectory, try EmbeddedOrganization.open(in: dataDirectory))
        } catch let error as RootmailError {
            throw CommandFailure(error)
        }
    }
}

extension GlobalOptions {
    func workspace() throws -> Workspace { try Workspace.open(caller: caller) }

    func print(_ document: OutputDocument, operation: String) {
        Swift.print(document.rendered(as: output, title: operation))
    }
}
