import AWSSigV4
import EmbeddedOrganization
import Foundation

/// What an AWS front end does with a request before an operation runs, for the three services
/// on one port: find the service the request is meant for, check its signature, hand it to the
/// service as the principal owning the access key, and turn every failure into that service's
/// error shape. Free of any HTTP server, so it can be driven directly.
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

    init(organization: EmbeddedOrganization, now: @escaping @Sendable () -> Date) throws {
        let callers = try CallerDirectory(organization: organization)
        self.callers = callers
        verifier = Verifier(now: now) { callers.secret(forAccessKey: $0) }
    }

    func answer(_ request: SignableRequest) async -> WireResponse {
        let requestID = UUID().uuidString.lowercased()
        let route = Route(request)
        do {
            let signature = try verify(request)
            guard let service = route.service else {
                throw EndpointError.unknownOperation(route.operationName(of: request), service: nil, in: route.errorProtocol)
            }
            guard route.shapeService == nil || route.scopeService == service else {
                throw EndpointError(code: service.wireProtocol == .query ? "SignatureDoesNotMatch" : "InvalidSignatureException",
                                    message: EndpointMessages.wrongService(service.signingName),
                                    status: service.wireProtocol == .json ? 400 : 403)
            }
            guard let backend = callers.backend(forAccessKey: signature.accessKeyID) else {
                throw EndpointError.internalFailure("the caller of access key \(signature.accessKeyID) is gone", in: route.errorProtocol)
            }
            switch service {
            case .account: return try await AccountService.handle(request, backend: backend, requestID: requestID)
            case .organizations: return try await OrganizationsService.handle(request, backend: backend, requestID: requestID)
            case .sts: return try await STSService.handle(request, backend: backend, requestID: requestID)
            }
        } catch let rejection as SignatureRejection {
            return EndpointError(rejection, in: route.errorProtocol).response(in: route.errorProtocol, requestID: requestID)
        } catch {
            return EndpointError(from: error, in: route.errorProtocol).response(in: route.errorProtocol, requestID: requestID)
        }
    }

    /// The answer to a request whose body is over `maximumBodySize`, given without its body:
    /// refused before its signature is checked, as the body is part of what is signed.
    func answerBodyTooLarge(_ request: SignableRequest) -> WireResponse {
        let route = Route(request)
        let code = route.errorProtocol == .query ? "RequestEntityTooLarge" : "RequestEntityTooLargeException"
        return EndpointError(code: code, message: EndpointMessages.bodyTooLarge(limit: Self.maximumBodySize), status: 413)
            .response(in: route.errorProtocol, requestID: UUID().uuidString.lowercased())
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

/// Which service a request is meant for, and in which protocol to answer it.
private struct Route {
    /// The service the request's shape names.
    let shapeService: ServedService?
    /// The service of the signature's credential scope, when it is one of those served.
    let scopeService: ServedService?
    /// Whom to hand the request to once its signature is good.
    var service: ServedService? { shapeService ?? scopeService }
    /// The protocol the client most likely reads: its shape's, its scope's, else a guess.
    let errorProtocol: ServiceProtocol

    init(_ request: SignableRequest) {
        if OrganizationsService.recognizes(request) {
            shapeService = .organizations
        } else if AccountService.recognizes(request) {
            shapeService = .account
        } else if STSService.recognizes(request) {
            shapeService = .sts
        } else {
            shapeService = nil
        }
        let signingName = request.headerValue(named: "Authorization").flatMap {
            (try? AuthorizationHeader(parsing: $0, hasDate: true))?.scope.service
        }
        scopeService = signingName.flatMap(ServedService.init(signingName:))
        if let known = shapeService ?? scopeService {
            errorProtocol = known.wireProtocol
        } else if request.headerValue(named: "X-Amz-Target") != nil {
            errorProtocol = .json
        } else if ContentType.mediaType(of: request.headerValue(named: "Content-Type")) == ContentType.form {
            errorProtocol = .query
        } else {
            errorProtocol = .restJSON
        }
    }

    /// What the request asked for, to name it in an unknown-operation error.
    func operationName(of request: SignableRequest) -> String {
        switch errorProtocol {
        case .json: request.headerValue(named: "X-Amz-Target") ?? ""
        case .query: STSService.parameters(of: request)["Action"] ?? ""
        case .restJSON: "\(request.method) \(request.path)"
        }
    }
}
