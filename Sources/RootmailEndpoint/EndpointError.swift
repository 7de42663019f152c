import AWSSigV4
import Foundation
import OrderedJSON
import RootmailCore

/// An error answer, in whichever of the three wire protocols the request came in.
///
/// - rest-json (Account): the type in `x-amzn-ErrorType`, body `{"message": …}`, plus `reason`
///   and `fieldList` for a ValidationException; AWS's status per type.
/// - JSON 1.1 (Organizations): body `{"__type": …, "Message": …}`, plus `Reason` where the type
///   has one; HTTP 400 for every client error, 500 for the service's own.
/// - query (STS): `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`;
///   HTTP 400 for client errors but 403 for AccessDenied, 500 for the service's own.
struct EndpointError: Error, Sendable {
    let code: String
    let message: String
    /// The HTTP status sent (set per error type and protocol by each initializer).
    let status: Int
    let reason: String?
    let fieldList: [FieldProblem]
    /// A fault of the server rather than of the request.
    let isServerFault: Bool

    init(code: String, message: String, status: Int, reason: String? = nil, fieldList: [FieldProblem] = [],
         isServerFault: Bool = false) {
        self.code = code
        self.message = message
        self.status = status
        self.reason = reason
        self.fieldList = fieldList
        self.isServerFault = isServerFault
    }

    /// An error the embedded organization answered, in the status rules of the protocol.
    init(_ error: ServiceError, in wireProtocol: ServiceProtocol) {
        let serverFault = error.type == .internalServer || error.type.rawValue == "ServiceException"
        let status = switch wireProtocol {
        case .restJSON: error.type.httpStatus
        case .json: serverFault ? 500 : 400
        case .query: serverFault ? 500 : error.type == .stsAccessDenied ? 403 : 400
        }
        self.init(code: error.type.rawValue, message: error.message, status: status, reason: error.reason,
                  fieldList: error.fieldList, isServerFault: serverFault)
    }

    /// Any error out of an operation: the embedded organization's, a refusal of the front end,
    /// or a fault of the data directory.
    init(from error: any Error, in wireProtocol: ServiceProtocol) {
        switch error {
        case let error as EndpointError:
            self = error
        case let error as RootmailError:
            if let serviceError = error.serviceError {
                self.init(serviceError, in: wireProtocol)
            } else if case .invalidInput(let field, _, let rule) = error {
                self.init(ServiceError(.validation, "Invalid \(field): \(rule).", reason: AWSMessages.fieldValidationFailed,
                                       fieldList: [FieldProblem(name: field, message: rule)]), in: wireProtocol)
            } else {
                self = .internalFailure(error.description, in: wireProtocol)
            }
        default:
            self = .internalFailure("\(error)", in: wireProtocol)
        }
    }

    init(_ rejection: SignatureRejection, in wireProtocol: ServiceProtocol) {
        self.init(code: rejection.errorCode(for: wireProtocol), message: rejection.message(for: wireProtocol),
                  status: rejection.httpStatus(for: wireProtocol))
    }

    static func internalFailure(_ detail: String, in wireProtocol: ServiceProtocol) -> EndpointError {
        let code = switch wireProtocol {
        case .restJSON: "InternalServerException"
        case .json: "ServiceException"
        case .query: "InternalFailure"
        }
        return EndpointError(code: code, message: EndpointMessages.internalFailure(detail), status: 500, isServerFault: true)
    }

    static func unknownOperation(_ name: String, service: ServedService?, in wireProtocol: ServiceProtocol) -> EndpointError {
        let serviceName = service?.displayName ?? "this endpoint"
        switch wireProtocol {
        case .query:
            return EndpointError(code: "InvalidAction", message: EndpointMessages.invalidAction(name, version: nil), status: 400)
        case .restJSON:
            return EndpointError(code: "UnknownOperationException",
                                 message: EndpointMessages.unknownOperation(name, service: serviceName), status: 404)
        case .json:
            return EndpointError(code: "UnknownOperationException",
                                 message: EndpointMessages.unknownOperation(name, service: serviceName), status: 400)
        }
    }

    static func serialization(_ message: String) -> EndpointError {
        EndpointError(code: "SerializationException", message: message, status: 400)
    }

    /// Organizations' refusal of a malformed member.
    static func invalidInput(_ message: String, reason: String) -> EndpointError {
        EndpointError(code: "InvalidInputException", message: message, status: 400, reason: reason)
    }

    // MARK: Rendering

    func response(in wireProtocol: ServiceProtocol, requestID: String) -> WireResponse {
        switch wireProtocol {
        case .restJSON:
            var members: [(String, JSONValue)] = [("message", .string(message))]
            if let reason { members.append(("reason", .string(reason))) }
            if !fieldList.isEmpty {
                members.append(("fieldList", .array(fieldList.map {
                    .object([("name", .string($0.name)), ("message", .string($0.message))])
                })))
            }
            return WireResponse(status: status, headers: [
                ("Content-Type", ContentType.restJSON), ("x-amzn-ErrorType", code),
                (WireResponse.requestIDHeader, requestID),
            ], body: JSONValue.object(members).serialized())
        case .json:
            var members: [(String, JSONValue)] = [("__type", .string(code)), ("Message", .string(message))]
            if let reason { members.append(("Reason", .string(reason))) }
            return WireResponse(status: status, headers: [
                ("Content-Type", ContentType.json11), (WireResponse.requestIDHeader, requestID),
            ], body: JSONValue.object(members).serialized())
        case .query:
            let text = """
                <ErrorResponse xmlns="\(STSService.xmlNamespace)">
                  <Error>
                    <Type>\(isServerFault ? "Receiver" : "Sender")</Type>
                    <Code>\(XMLText.escape(code))</Code>
                    <Message>\(XMLText.escape(message))</Message>
                  </Error>
                  <RequestId>\(requestID)</RequestId>
                </ErrorResponse>

                """
            return WireResponse(status: status, headers: [
                ("Content-Type", "text/xml"), (WireResponse.requestIDHeader, requestID),
            ], body: Array(text.utf8))
        }
    }
}
