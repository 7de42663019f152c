@testable import AWSBackend
import RootmailCore
import Testing

/// Region, endpoints and attempts, chosen as the AWS CLI chooses them.
@Suite("Region and endpoints", .tags(.unit))
struct ClientSettingsTests {
    private let config = """
        [default]
        region = ap-southeast-2
        [profile local]
        region = eu-central-1
        endpoint_url = http://127.0.0.1:7000
        [profile split]
        services = split-services
        endpoint_url = http://127.0.0.1:7000
        [services split-services]
        organizations =
          endpoint_url = http://127.0.0.1:7001
        """

    private func settings(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                          _ environment: [String: String] = [:]) throws -> ClientSettings {
        let files = try AWSFiles(config: config)
        defer { files.remove() }
        return try ClientSettings(profile: profile, region: region, endpointURL: endpointURL,
                                  environment: files.environment(environment))
    }

    @Test("--region, then AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1")
    func region() throws {
        let environment = ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"]
        #expect(try settings(region: "us-west-2", environment).region == "us-west-2")
        #expect(try settings(environment).region == "eu-west-1")
        #expect(try settings(["AWS_DEFAULT_REGION": "eu-west-2"]).region == "eu-west-2")
        #expect(try settings().region == "ap-southeast-2")
        #expect(try settings(profile: "local").region == "eu-central-1")
        let noFiles = try ClientSettings(profile: nil, region: nil, endpointURL: nil, environment: [:])
        #expect(noFiles.region == "us-east-1")
    }

    @Test("AWS's endpoints: Organizations and Account signed for us-east-1, STS regional")
    func defaultEndpoints() throws {
        let settings = try settings()
        #expect(settings.endpoint(.organizations).urlText == "https://organizations.us-east-1.amazonaws.com")
        #expect(settings.endpoint(.organizations).signingRegion == "us-east-1")
        #expect(settings.endpoint(.account).urlText == "https://account.us-east-1.amazonaws.com")
        #expect(settings.endpoint(.account).signingRegion == "us-east-1")
        #expect(settings.endpoint(.sts).urlText == "https://sts.ap-southeast-2.amazonaws.com")
        #expect(settings.endpoint(.sts).signingRegion == "ap-southeast-2")
        let legacy = try self.settings(["AWS_STS_REGIONAL_ENDPOINTS": "legacy"])
        #expect(legacy.endpoint(.sts).urlText == "https://sts.amazonaws.com")
        #expect(legacy.endpoint(.sts).signingRegion == "us-east-1")
    }

    @Test("--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, [services], endpoint_url, in that order")
    func endpointOverrides() throws {
        let environment = ["AWS_ENDPOINT_URL_ORGANIZATIONS": "http://127.0.0.1:8001", "AWS_ENDPOINT_URL": "http://127.0.0.1:8000"]
        let explicit = try settings(profile: "split", endpointURL: "http://localhost:9000", environment)
        #expect(AWSService.allCases.allSatisfy { explicit.endpoint($0).urlText == "http://localhost:9000" })

        let fromEnvironment = try settings(profile: "split", environment)
        #expect(fromEnvironment.endpoint(.organizations).urlText == "http://127.0.0.1:8001")
        #expect(fromEnvironment.endpoint(.account).urlText == "http://127.0.0.1:8000")

        let fromFile = try settings(profile: "split")
        #expect(fromFile.endpoint(.organizations).urlText == "http://127.0.0.1:7001")
        #expect(fromFile.endpoint(.account).urlText == "http://127.0.0.1:7000")

        let ignored = try settings(profile: "split", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        #expect(ignored.endpoint(.account).urlText == "https://account.us-east-1.amazonaws.com")
    }

    @Test("with an endpoint URL every service signs with the client's region")
    func signingRegionWithEndpoint() throws {
        let settings = try settings(profile: "local")
        #expect(AWSService.allCases.allSatisfy { settings.endpoint($0).signingRegion == "eu-central-1" })
        #expect(settings.endpoint(.account).hostHeader == "127.0.0.1:7000")
    }

    @Test("a malformed endpoint URL or attempt count is an error naming where it came from")
    func mistakes() throws {
        #expect(throws: RootmailError.configuration(
            "The endpoint URL \"localhost:5000\" (from AWS_ENDPOINT_URL) is not usable: give http:// or https:// "
                + "followed by a host, such as http://127.0.0.1:5000.")) {
            try settings(["AWS_ENDPOINT_URL": "localhost:5000"])
        }
        #expect(throws: RootmailError.configuration(
            "AWS_MAX_ATTEMPTS is \"many\": it must be a whole number of attempts, 1 or more "
                + "(if unset, 3 in the standard and adaptive retry modes, 5 in legacy).")) {
            try settings(["AWS_MAX_ATTEMPTS": "many"])
        }
        #expect(try settings(["AWS_MAX_ATTEMPTS": "9"]).maxAttempts == 9)
        #expect(throws: RootmailError.configuration(
            "AWS_RETRY_MODE is \"Standard\": it must be legacy, standard or adaptive (standard if unset).")) {
            try settings(["AWS_RETRY_MODE": "Standard"])
        }
    }

    @Test("each retry mode has botocore's attempts and waits: legacy 5 and uncapped, standard and adaptive 3")
    func retryModes() throws {
        #expect(try settings().retryPolicy == .botocore(.standard))
        #expect(try settings().maxAttempts == 3)
        #expect(try settings(["AWS_RETRY_MODE": "legacy"]).maxAttempts == 5)
        #expect(try settings(["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7"]).maxAttempts == 7)
        let legacy = RetryPolicy.botocore(.legacy)
        #expect((1...4).map { legacy.delayCap(beforeRetry: $0, throttled: false) }
            == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        let standard = RetryPolicy.botocore(.standard)
        #expect((1...6).map { standard.delayCap(beforeRetry: $0, throttled: true) }
            == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(20)])
        #expect((1...3).map { standard.delayCap(beforeRetry: $0, throttled: false) }
            == [.milliseconds(50), .milliseconds(100), .milliseconds(200)])
    }
}
