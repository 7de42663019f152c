import AWSSigV4
import EmbeddedOrganization
import Foundation
import RootmailCore

/// What an AWS front end does with a request before an operation runs, for the three services
/// on one port: find the service the request is meant for, check its signature (and the session
/// token of temporary credentials), hand it to the service as the principal owning the access
/// key, and turn every failure into that service's error shape. Free of any HTTP server, so it
/// can be driven directly.
///
/// Routing, as AWS routes: the request's shape names the service when it can (an
/// `X-Amz-Target` of Organizations, one of Account's paths, a query `Action`), else the
/// signature's credential scope does. A request signed for another service than the one its
/// shape names is refused as AWS refuses it ("Credential should be scoped to correct service").
final class FrontEnd: Sendable {
    /// The largest body accepted; the operations served take a few hundred bytes.
    static let maximumBodySize = 256 * 1024

    let callers: CallerDirectory
    private let verifier: Verifier
    private let now: @Sendable () -> Date
    private let requestLog: RequestLog

    init(organization: EmbeddedOrganization, now: @escaping @Sendable () -> Date, requestLog: RequestLog = .silent) throws {
        let callers = try CallerDirectory(organization: organization)
        self.callers = callers
        self.now = now
        self.requestLog = requestLog
        verifier = Verifier(now: now) { callers.secret(forAccessKey: $0) }
    }

    func answer(_ request: SignableRequest) async -> WireResponse {
        let started = ContinuousClock.now
        let requestID = RequestID.make()
        let shape = RequestShape(request)
        var outcome = RequestLog.Outcome(operation: shape.operationLabel(of: request))
        requestLog.received(request, operation: outcome.operation, requestID: requestID)
        let response = await answer(request, shape: shape, requestID: requestID, noting: &outcome)
        requestLog.answered(outcome, status: response.status, requestID: requestID, after: ContinuousClock.now - started)
        return response
    }

    private func answer(_ request: SignableRequest, shape: RequestShape, requestID: String,
                        noting outcome: inout RequestLog.Outcome) async -> WireResponse {
        var errorProtocol = shape.wireProtocol
        do {
            if shape.service == .sts, STSService.isWebIdentityCall(request) {
                // It carries its own proof, the token: AWS asks for no signature.
                return try STSService.assumeRoleWithWebIdentity(request, callers: callers, requestID: requestID)
            }
            let signature = try verify(request)
            let scopeService = ServedService(signingName: signature.scope.service)
            guard let service = shape.service ?? scopeService else {
                throw EndpointError.unknownOperation(shape.operationName(of: request), service: nil, in: errorProtocol)
            }
            errorProtocol = service.wireProtocol
            guard scopeService == service else {
                throw EndpointError(code: service.wireProtocol == .query ? "SignatureDoesNotMatch" : "InvalidSignatureException",
                                    message: EndpointMessages.wrongService(service.signingName),
                                    status: service.wireProtocol == .json ? 400 : 403)
            }
            guard let principal = callers.principal(forAccessKey: signature.accessKeyID) else {
                throw EndpointError.internalFailure("the caller of access key \(signature.accessKeyID) is gone", in: errorProtocol)
            }
            if let refusal = principal.tokenRefusal(signature.sessionToken, at: now()) {
                throw EndpointError(refusal, in: errorProtocol)
            }
            outcome.caller = principal.session?.arn ?? principal.backend.callerName
            let backend = principal.backend
            switch service {
            case .account: return try await AccountService.handle(request, backend: backend, requestID: requestID)
            case .organizations: return try await OrganizationsService.handle(request, backend: backend, requestID: requestID)
            case .sts: return try await STSService.handle(request, backend: backend, callers: callers, requestID: requestID)
            }
        } catch {
            let refusal = (error as? SignatureRejection).map { EndpointError($0, in: errorProtocol) }
                ?? EndpointError(from: error, in: errorProtocol)
            outcome.errorCode = refusal.code
            return refusal.response(in: errorProtocol, requestID: requestID)
        }
    }

    /// The answer to a request whose body is over `maximumBodySize`, given without its body:
    /// refused before its signature is checked, as the body is part of what is signed.
    func answerBodyTooLarge(_ request: SignableRequest) -> WireResponse {
        let shape = RequestShape(request)
        let code = shape.wireProtocol == .query ? "RequestEntityTooLarge" : "RequestEntityTooLargeException"
        let requestID = RequestID.make()
        let response = EndpointError(code: code, message: EndpointMessages.bodyTooLarge(limit: Self.maximumBodySize), status: 413)
            .response(in: shape.wireProtocol, requestID: requestID)
        requestLog.answered(RequestLog.Outcome(operation: shape.operationLabel(of: request), errorCode: code),
                            status: response.status, requestID: requestID, after: .zero)
        return response
    }

    /// Verifies with the keys as last read; a key or signature that does not match makes the
    /// directory read the callers again (a reset of the data directory may have changed them).
    private func verify(_ request: SignableRequest) throws(SignatureRejection) -> VerifiedSignature {
        do {
            return try verifier.verify(request)
        } catch {
            guard error.reason == .unknownAccessKey || error.reason == .signatureMismatch,
                  (try? callers.reload()) == true
            else { throw error }
            return try verifier.verify(request)
        }
    }
}

/// What a request looks like before its signature is checked: the service its shape names, if
/// any, and the protocol its client most likely reads (its shape's, its credential scope's,
/// else a guess from its headers).
private struct RequestShape {
    let service: ServedService?
    let wireProtocol: ServiceProtocol

    init(_ request: SignableRequest) {
        if OrganizationsService.recognizes(request) {
            service = .organizations
        } else if AccountService.recognizes(request) {
            service = .account
        } else if STSService.recognizes(request) {
            service = .sts
        } else {
            service = nil
        }
        if let service {
            wireProtocol = service.wireProtocol
        } else if let signedFor = Self.signingName(in: request.headerValue(named: "Authorization")),
                  let scoped = ServedService(signingName: signedFor) {
            wireProtocol = scoped.wireProtocol
        } else if request.headerValue(named: "X-Amz-Target") != nil {
            wireProtocol = .json
        } else if ContentType.mediaType(of: request.headerValue(named: "Content-Type")) == ContentType.form {
            wireProtocol = .query
        } else {
            wireProtocol = .restJSON
        }
    }

    /// The service of `Credential=KEY/DATE/REGION/SERVICE/aws4_request`, read without checking
    /// the rest of the header (the verifier does that).
    private static func signingName(in authorization: String?) -> String? {
        guard let authorization, let credential = authorization.range(of: "Credential=") else { return nil }
        let parts = authorization[credential.upperBound...].prefix { $0 != "," && $0 != " " }.split(separator: "/")
        return parts.count == 5 ? String(parts[3]) : nil
    }

    /// The operation's name alone, for the request log: `ListAccounts`, `GetPrimaryEmail`.
    func operationLabel(of request: SignableRequest) -> String {
        switch wireProtocol {
        case .json: String(operationName(of: request).split(separator: ".").last ?? "")
        case .query: operationName(of: request)
        case .restJSON: AccountAPIOperation(path: request.path)?.rawValue ?? operationName(of: request)
        }
    }

    /// What the request asked for, to name it in an unknown-operation error.
    func operationName(of request: SignableRequest) -> String {
        switch wireProtocol {
        case .json: request.headerValue(named: "X-Amz-Target") ?? ""
        case .query: STSService.parameters(of: request)["Action"] ?? ""
        case .restJSON: "\(request.method) \(request.path)"
        }
    }
}
