/// Reduces a URL to a canonical form so two spellings of the same web page find the same source.
///
/// When an entry cites a URL, capture looks for an existing web source with the same normalised
/// URL instead of creating a duplicate. Only rewrites that cannot change which page is meant are
/// applied: case of scheme and host, "www.", default ports, http vs https, the fragment, trailing
/// slashes, tracking parameters and the order of query parameters. Percent-encoding is kept
/// (only its hex digits are uppercased), because decoding could change meaning ("%2F" vs "/").
package enum URLNormalizer {
    /// Returns the canonical form of `url`.
    ///
    /// http(s) URLs get the full treatment and always come back as https; other schemes only get
    /// their scheme and host lowercased and percent-escapes uppercased; text without a
    /// "scheme://" prefix is returned trimmed and otherwise untouched.
    package static func normalize(_ url: String) -> String {
        let bytes = trimmedBytes(url)
        guard let colon = schemeEnd(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let scheme = bytes[..<colon].map(asciiLowercased)
        let isHTTP = scheme == Array("http".utf8)
        let isWeb = isHTTP || scheme == Array("https".utf8)

        let authorityStart = colon + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count, !isAuthorityTerminator(bytes[authorityEnd]) { authorityEnd += 1 }
        let authority = normalizedAuthority(bytes[authorityStart..<authorityEnd], isWeb: isWeb, isHTTP: isHTTP)

        var output: [UInt8] = isWeb ? Array("https".utf8) : scheme
        output.append(contentsOf: "://".utf8)
        output.append(contentsOf: authority)

        let rest = bytes[authorityEnd...]
        guard isWeb else {
            output.append(contentsOf: uppercasedEscapes(rest))
            return String(decoding: output, as: UTF8.self)
        }
        let withoutFragment = rest.prefix { $0 != UInt8(ascii: "#") }
        let queryMark = withoutFragment.firstIndex(of: UInt8(ascii: "?"))
        var path = withoutFragment[..<(queryMark ?? withoutFragment.endIndex)]
        while path.last == UInt8(ascii: "/") { path = path.dropLast() }
        output.append(contentsOf: uppercasedEscapes(path))
        if let queryMark {
            let query = normalizedQuery(withoutFragment[(queryMark + 1)...])
            if !query.isEmpty {
                output.append(UInt8(ascii: "?"))
                output.append(contentsOf: query)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Scheme

    /// Returns the index of the ':' of a leading "scheme://", or nil when the text has none.
    ///
    /// A scheme is an ASCII letter followed by letters, digits, '+', '-' or '.' (RFC 3986).
    private static func schemeEnd(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.first, isASCIILetter(first) else { return nil }
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { break }
            guard isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return nil }
            index += 1
        }
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: ":"),
            bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
        else { return nil }
        return index
    }

    // MARK: - Authority

    /// Lowercases the host and, for web URLs, drops "www.", a trailing root '.', and the default port.
    ///
    /// User info is kept byte for byte: it is case-sensitive and rare enough not to matter for
    /// matching. "www." is dropped only when a dot remains, so the host "www.com" survives.
    private static func normalizedAuthority(_ authority: ArraySlice<UInt8>, isWeb: Bool, isHTTP: Bool) -> [UInt8] {
        var output: [UInt8] = []
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            output.append(contentsOf: authority[...at])
            hostPort = authority[(at + 1)...]
        }
        var hostEnd = hostPort.endIndex
        if hostPort.first == UInt8(ascii: "[") {
            if let bracket = hostPort.firstIndex(of: UInt8(ascii: "]")) { hostEnd = bracket + 1 }
        } else if let colon = hostPort.lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        var host = lowercased(hostPort[..<hostEnd])
        var port = hostPort[hostEnd...].dropFirst()  // drops the ':' when there is a port
        if isWeb {
            while host.last == UInt8(ascii: ".") { host.removeLast() }
            if host.starts(with: "www.".utf8), host.dropFirst(4).contains(UInt8(ascii: ".")) {
                host.removeFirst(4)
            }
            let significant = port.drop { $0 == UInt8(ascii: "0") }
            if significant.elementsEqual((isHTTP ? "80" : "443").utf8) { port = [] }
        }
        output.append(contentsOf: host)
        if !port.isEmpty {
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: port)
        }
        return output
    }

    /// True for the bytes that end the authority part: '/', '?' and '#'.
    private static func isAuthorityTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    // MARK: - Query

    /// Drops empty and tracking parameters and sorts the rest by name, keeping the written order
    /// among parameters that share a name (their order can be meaningful, as in "tag=a&tag=b").
    private static func normalizedQuery(_ query: ArraySlice<UInt8>) -> [UInt8] {
        var parameters: [(name: ArraySlice<UInt8>, position: Int, text: ArraySlice<UInt8>)] = []
        for (position, parameter) in query.split(separator: UInt8(ascii: "&")).enumerated() {
            let name = parameter.prefix { $0 != UInt8(ascii: "=") }
            if isTrackingParameter(name) { continue }
            parameters.append((name, position, parameter))
        }
        parameters.sort { left, right in
            if left.name.elementsEqual(right.name) { return left.position < right.position }
            return left.name.lexicographicallyPrecedes(right.name)
        }
        var output: [UInt8] = []
        for parameter in parameters {
            if !output.isEmpty { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: uppercasedEscapes(parameter.text))
        }
        return output
    }

    /// Names of parameters that only identify a campaign or click, never the page itself.
    private static let trackingNames: Set<[UInt8]> = Set(
        ["fbclid", "gclid", "mc_cid", "mc_eid", "ref_src"].map { Array($0.utf8) })

    /// True for `utm_*` and the other tracking parameter names, compared case-insensitively.
    private static func isTrackingParameter(_ name: ArraySlice<UInt8>) -> Bool {
        let lower = name.map(asciiLowercased)
        return lower.starts(with: "utm_".utf8) || trackingNames.contains(lower)
    }

    // MARK: - Bytes

    /// The UTF-8 bytes of `text` without leading or trailing ASCII whitespace.
    private static func trimmedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        while let last = bytes.last, isASCIISpace(last) { bytes.removeLast() }
        let leading = bytes.prefix(while: isASCIISpace).count
        if leading > 0 { bytes.removeFirst(leading) }
        return bytes
    }

    /// Lowercases a host: ASCII by table, anything else (internationalised names) through String.
    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.map(asciiLowercased) }
        return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
    }

    /// Copies `bytes`, uppercasing the two hex digits after every '%'.
    private static func uppercasedEscapes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = Array(bytes)
        var index = 0
        while index + 2 < output.count {
            if output[index] == UInt8(ascii: "%"), isHexDigit(output[index + 1]), isHexDigit(output[index + 2]) {
                output[index + 1] = asciiUppercased(output[index + 1])
                output[index + 2] = asciiUppercased(output[index + 2])
                index += 3
            } else {
                index += 1
            }
        }
        return output
    }

    /// True for A–Z and a–z; schemes and hex digits are ASCII-only, so no Unicode lookup is needed.
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// True for 0–9.
    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// True for 0–9, a–f and A–F, the digits of a percent-escape.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isASCIIDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    /// True for the ASCII whitespace a pasted URL may carry around it (space, tab, CR, LF, VT, FF).
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Lowercases an ASCII letter byte and leaves every other byte (including UTF-8 parts) alone.
    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
    }

    /// Uppercases an ASCII letter byte and leaves every other byte alone.
    private static func asciiUppercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
    }
}
