import AsyncHTTPClient
import AWSSigV4
import Foundation
import RootmailCore

/// One call to an AWS service, before signing.
struct AWSRequest: Sendable {
    /// The operation's name, for errors: `ListAccounts`.
    let operation: String
    /// The operation's path below the endpoint: `/` or `/getPrimaryEmail`.
    let path: String
    /// `Content-Type`, `X-Amz-Target` and the like; the signer adds its own.
    let headers: [HeaderField]
    let body: [UInt8]
    let retryScope: RetryScope
}

/// Signs calls, sends them, reads the answers, and retries what may be retried. Every error
/// it throws is a `RootmailError`: `.service` for AWS's answers, `.configuration` for refused
/// credentials, `.transport` for everything between. Without credentials it sends the calls
/// unsigned, as AWS takes AssumeRoleWithWebIdentity.
struct SignedRequestSender: Sendable {
    /// Longest wait for one attempt's whole answer.
    static let attemptTimeout: Duration = .seconds(60)
    /// Larger answers are not what these services send.
    static let maximumAnswerSize = 16 * 1024 * 1024

    let http: HTTPClient
    /// Nil for unsigned calls.
    let credentials: (any CredentialProvider)?
    let retryPolicy: RetryPolicy
    let now: @Sendable () -> Date
    /// Where `--debug` reads the exchange.
    let log: ExchangeLog

    init(http: HTTPClient, credentials: (any CredentialProvider)?, retryPolicy: RetryPolicy,
         now: @escaping @Sendable () -> Date = { Date() }, log: ExchangeLog = .silent) {
        self.http = http
        self.credentials = credentials
        self.retryPolicy = retryPolicy
        self.now = now
        self.log = log
    }

    /// The successful answer to `request`, after retries.
    func send(_ request: AWSRequest, to endpoint: ServiceEndpoint, errors shape: AWSErrorShape) async throws -> HTTPAnswer {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            let failure: RootmailError
            let reason: String
            let mayRetry: Bool
            var throttled = false
            do {
                let answer = try await attemptOnce(request, to: endpoint, attempt: attempt)
                if answer.isSuccess { return answer }
                let error = shape.decode(answer)
                failure = rootmailError(for: error, request: request, endpoint: endpoint)
                reason = error.code ?? "HTTP \(error.httpStatus)"
                throttled = error.isThrottling
                mayRetry = throttled || (request.retryScope == .idempotent && error.isTransient)
            } catch let transport as TransportFailure {
                log.noAnswer(request.operation, transport.error)
                failure = transport.error
                reason = "no answer"
                mayRetry = request.retryScope == .idempotent
            }
            guard mayRetry, attempt < retryPolicy.maxAttempts else {
                log.notRetrying(request.operation, attempt: attempt, of: retryPolicy.maxAttempts, mayRetry: mayRetry)
                throw failure
            }
            let delay = retryPolicy.delay(beforeRetry: attempt, throttled: throttled, using: &generator)
            attempt += 1
            log.retrying(request.operation, after: delay, attempt: attempt, of: retryPolicy.maxAttempts, because: reason)
            try await Task.sleep(for: delay)
        }
    }

    /// No answer at all: the connection failed, dropped or timed out.
    private struct TransportFailure: Error {
        let error: RootmailError
    }

    private func attemptOnce(_ request: AWSRequest, to endpoint: ServiceEndpoint, attempt: Int) async throws -> HTTPAnswer {
        let unsigned = SignableRequest(method: "POST", path: endpoint.requestPath(request.path),
                                       headers: request.headers, body: request.body)
        let signed = try await sign(unsigned, operation: request.operation, for: endpoint)

        var outgoing = HTTPClientRequest(url: endpoint.urlText + request.path)
        outgoing.method = .POST
        for header in signed.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(signed.body)
        log.sending(request.operation, attempt: attempt, of: retryPolicy.maxAttempts, method: "POST", url: outgoing.url,
                    headers: signed.headers, body: signed.body)

        do {
            let response = try await http.execute(outgoing, timeout: .seconds(Int64(Self.attemptTimeout.components.seconds)))
            let body = try await response.body.collect(upTo: Self.maximumAnswerSize)
            let answer = HTTPAnswer(status: Int(response.status.code),
                                    headers: response.headers.map { ($0.name, $0.value) },
                                    body: Array(body.readableBytesView))
            log.received(request.operation, answer)
            return answer
        } catch {
            throw TransportFailure(error: .transport(
                "No answer from \(endpoint.service.rawValue) at \(endpoint.urlText) to \(request.operation): \(Self.describe(error))."
                    + (request.retryScope == .refusalsOnly
                        ? " The call may or may not have taken effect."
                        : " Check the endpoint and the network, then try again.")))
        }
    }

    /// The request signed with the credentials, or as it is when there are none.
    private func sign(_ request: SignableRequest, operation: String, for endpoint: ServiceEndpoint) async throws
        -> SignableRequest
    {
        guard let credentials else { return request }
        let keys: Credentials
        do {
            keys = try await credentials.credentials()
        } catch let error as RootmailError {
            if case .configuration = error { throw error }
            // Nothing was sent: say so, so that a Start is not taken for one that may have happened.
            throw RootmailError.configuration(
                "\(operation) was not sent: the credentials from \(credentials.sourceDescription) "
                    + "could not be fetched. \(error)")
        }
        let signer: Signer
        do {
            signer = try Signer(credentials: keys, region: endpoint.signingRegion, service: endpoint.service.signingName)
        } catch {
            throw RootmailError.configuration(
                "The region \"\(endpoint.signingRegion)\" cannot be used to sign requests (\(error)); "
                    + "give a region such as us-east-1 with --region, AWS_REGION or the profile's region.")
        }
        return signer.sign(request, host: endpoint.hostHeader, at: now())
    }

    private func rootmailError(for answer: AWSErrorAnswer, request: AWSRequest, endpoint: ServiceEndpoint) -> RootmailError {
        if answer.code == nil, answer.httpStatus == 404 {
            // A path the endpoint does not serve: moto's Account API, or an operation newer than the endpoint.
            return ServiceError(Self.unknownOperation, "\(endpoint.service.rawValue) at \(endpoint.urlText) does not offer "
                + "the \(request.operation) operation (HTTP 404).").during(request.operation)
        }
        guard let code = answer.code else {
            return .transport("\(endpoint.service.rawValue) at \(endpoint.urlText) answered \(request.operation) with "
                + "\(answer.message), which is not an AWS answer. Check the endpoint URL.")
        }
        if answer.isCredentialRefusal {
            let source = credentials?.sourceDescription ?? "nowhere (the call was unsigned)"
            return .configuration(
                "AWS refused the credentials from \(source) (\(code)) when calling the "
                    + "\(request.operation) operation: \(answer.message) Check the access key and secret access key.")
        }
        return ServiceError(ServiceErrorType(rawValue: code), answer.message, reason: answer.reason,
                            fieldList: answer.fieldList).during(request.operation)
    }

    /// The type AWS gives a call to an operation a service does not have.
    static let unknownOperation = ServiceErrorType(rawValue: "UnknownOperationException")

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .remoteConnectionClosed: return "the connection was closed before an answer came"
            case .connectTimeout: return "the connection could not be made in time"
            case .deadlineExceeded, .readTimeout: return "the answer took too long"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
