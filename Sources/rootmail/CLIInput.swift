import ArgumentParser
import Foundation
import RootmailCore

/// `--cli-input-json` and `--generate-cli-skeleton` as the AWS CLI has them: the API's
/// parameters as one JSON object (inline or `file://PATH`), keyed as the API names them, with
/// the command line's options taking precedence.
struct CLIInputOptions: ParsableArguments {
    @Option(name: .customLong("cli-input-json"), help: ArgumentHelp(
        "The parameters as JSON, keyed as the API names them (inline, or file://PATH); options given override them.",
        valueName: "json"))
    var cliInputJSON: String?

    @Flag(name: .customLong("generate-cli-skeleton"),
          help: "Print the JSON --cli-input-json takes, with empty values, and do nothing else.")
    var generateSkeleton = false
}

/// One parameter of an API operation and the option that sets it on the command line.
struct APIParameter {
    let name: String
    let option: String
    let commandLine: String?
}

extension CLIInputOptions {
    /// Each parameter's value: its option's, else the JSON input's. Throws `ValidationError`
    /// (the usage status, 252) for input that is not a JSON object of strings with the
    /// operation's keys, and for a parameter given nowhere. With `--generate-cli-skeleton`,
    /// prints the skeleton and ends the command.
    func values(of parameters: [APIParameter]) throws -> [String] {
        if generateSkeleton {
            print("{\n" + parameters.map { "    \"\($0.name)\": \"\"" }.joined(separator: ",\n") + "\n}")
            Foundation.exit(0)
        }
        let input = try cliInputJSON.map { try Self.object(from: $0, keys: parameters.map(\.name)) } ?? [:]
        return try parameters.map { parameter in
            if let given = parameter.commandLine { return given }
            if let value = input[parameter.name] { return value }
            throw ValidationError(cliInputJSON == nil
                ? "Missing expected argument '\(parameter.option) <\(parameter.option.dropFirst(2))>'"
                : "Parameter validation failed: Missing required parameter in input: \"\(parameter.name)\" "
                    + "(give it in --cli-input-json or with \(parameter.option))")
        }
    }

    private static func object(from argument: String, keys: [String]) throws -> [String: String] {
        let text: String
        if argument.hasPrefix("file://") {
            let path = String(argument.dropFirst("file://".count))
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValidationError("Error parsing parameter '--cli-input-json': Unable to load paramfile \(argument): "
                    + "no readable UTF-8 file at \(path)")
            }
        } else {
            text = argument
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "it is not JSON"
            throw ValidationError("Error parsing parameter 'cli-input-json': Invalid JSON: \(detail)\n"
                + "JSON received: \(EchoedInput.excerpt(text))")
        }
        guard let object = parsed as? [String: Any] else {
            throw ValidationError("Error parsing parameter 'cli-input-json': the JSON must be an object of parameters, "
                + "such as {\"\(keys[0])\": \"…\"}")
        }
        var values: [String: String] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard keys.contains(key) else {
                throw ValidationError("Parameter validation failed: Unknown parameter in input: \"\(EchoedInput.excerpt(key))\", "
                    + "must be one of: \(keys.joined(separator: ", "))")
            }
            guard let string = value as? String else {
                throw ValidationError("Parameter validation failed: Invalid type for parameter \(key), value: \(value): "
                    + "it must be a string, as in \"\(key)\": \"…\"")
            }
            values[key] = string
        }
        return values
    }
}
