import Foundation
import NIOCore
import NIOPosix

/// Why a message was not handed over: the stage (`connect`, `greeting`, `EHLO`, `MAIL FROM`, `RCPT TO`, `DATA`,
/// `message`, `timeout`) and the relay's reply. A 5xx reply is permanent (retrying will not help); anything else
/// (4xx, a dropped connection, a timeout) may be retried.
public struct SMTPFailure: Error, Sendable, CustomStringConvertible {
    public let stage: String
    public let code: Int?
    public let reply: String

    public var permanent: Bool { code.map { (500..<600).contains($0) } ?? false }
    public var description: String { "SMTP \(stage) failed: \(code.map(String.init) ?? "-") \(reply)" }
}

/// The relay's answer to a command: its code and text lines (a multi-line reply's lines in order).
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
}

/// A minimal SMTP client over SwiftNIO (RFC 5321): one message per connection to the operator's relay, plain text
/// on the operator's network. EHLO (HELO when refused), MAIL FROM (with `BODY=8BITMIME` when the message is not
/// ASCII and the relay offers it), RCPT TO, DATA with the message dot-stuffed and its lines ended by CRLF, QUIT.
public struct SMTPClient: Sendable {
    public let relay: MailRelay
    /// The most the whole exchange may take.
    public var timeout: Duration = .seconds(30)

    public init(relay: MailRelay) { self.relay = relay }

    /// Hands `message` (headers, a blank line, the body) to the relay for `recipient`; returns the relay's answer to
    /// the message (usually naming its queue id).
    @discardableResult
    public func send(_ message: String, to recipient: String) async throws -> String {
        guard MailAddress.isSafe(recipient) else { throw SMTPFailure(stage: "RCPT TO", code: nil, reply: "not an address Hub sends to") }
        let (relay, timeout) = (relay, timeout)
        return try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await Self.converse(relay: relay, message: message, recipient: recipient) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPFailure(stage: "timeout", code: nil, reply: "no answer within \(timeout)")
            }
            defer { group.cancelAll() }
            guard let answer = try await group.next() else { throw SMTPFailure(stage: "timeout", code: nil, reply: "") }
            return answer
        }
    }

    private static func converse(relay: MailRelay, message: String, recipient: String) async throws -> String {
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPFailure(stage: "connect", code: nil, reply: "\(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            var talk = SMTPConversation(lines: inbound.makeAsyncIterator(), outbound: outbound)
            _ = try await talk.expect([220], stage: "greeting")
            var extensions: Set<String> = []
            let hello = try await talk.command("EHLO \(relay.heloName)", stage: "EHLO", accepting: [250, 500, 501, 502])
            if hello.code == 250 {
                extensions = Set(hello.lines.dropFirst().map { $0.split(separator: " ").first.map { String($0).uppercased() } ?? "" })
            } else {
                _ = try await talk.command("HELO \(relay.heloName)", stage: "HELO", accepting: [250])
            }
            let eightBit = !message.unicodeScalars.allSatisfy(\.isASCII) && extensions.contains("8BITMIME")
            _ = try await talk.command("MAIL FROM:<\(relay.from)>" + (eightBit ? " BODY=8BITMIME" : ""), stage: "MAIL FROM", accepting: [250])
            _ = try await talk.command("RCPT TO:<\(recipient)>", stage: "RCPT TO", accepting: [250, 251])
            _ = try await talk.command("DATA", stage: "DATA", accepting: [354])
            try await outbound.write(ByteBuffer(string: SMTPClient.dataSection(message)))
            let accepted = try await talk.expect([250], stage: "message")
            _ = try? await talk.command("QUIT", stage: "QUIT", accepting: [221])
            return accepted.lines.joined(separator: " ")
        }
    }

    /// The message as DATA carries it: every line ended by CRLF, a line starting with "." given another, and the
    /// closing "." line.
    static func dataSection(_ message: String) -> String {
        let normalised = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.map { $0 + "\r\n" }.joined() + ".\r\n"
    }
}

/// One SMTP exchange: commands written, replies read line by line.
private struct SMTPConversation {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    mutating func reply(stage: String) async throws -> SMTPReply {
        var text: [String] = []
        while true {
            guard let line = try await lines.next() else { throw SMTPFailure(stage: stage, code: nil, reply: "the relay closed the connection") }
            let scalars = Array(line.utf8)
            guard scalars.count >= 3, let code = Int(String(decoding: scalars[0..<3], as: UTF8.self)) else {
                throw SMTPFailure(stage: stage, code: nil, reply: "not an SMTP reply: \(line.prefix(80))")
            }
            text.append(scalars.count > 4 ? String(decoding: scalars[4...], as: UTF8.self) : "")
            if scalars.count == 3 || scalars[3] == UInt8(ascii: " ") { return SMTPReply(code: code, lines: text) }
        }
    }

    mutating func expect(_ codes: Set<Int>, stage: String) async throws -> SMTPReply {
        let answer = try await reply(stage: stage)
        guard codes.contains(answer.code) else { throw SMTPFailure(stage: stage, code: answer.code, reply: answer.lines.joined(separator: " ")) }
        return answer
    }

    mutating func command(_ text: String, stage: String, accepting codes: Set<Int>) async throws -> SMTPReply {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        return try await expect(codes, stage: stage)
    }
}

/// Splits the relay's bytes into lines (CRLF or LF), at most 4 KiB each.
final class SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw SMTPFailure(stage: "reply", code: nil, reply: "a reply line longer than 4 KiB") }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - view.startIndex) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
