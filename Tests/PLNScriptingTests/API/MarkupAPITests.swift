import Foundation
import PLNCore
import PLNTestSupport
import Testing
@testable import PLNScripting

/// `pln.html.*` and `pln.xml.*` as scripts see them.
@Suite("Lua: pln.html and pln.xml")
struct MarkupAPITests {
    private let folder = TemporaryFolder()

    private func host(sandbox: Bool = false, readable: [String] = []) throws -> ScriptHost {
        let store = try JournalStore(path: folder.path + "/journal.db")
        var options = ScriptOptions()
        options.configFolder = folder.path + "/config"
        options.sandbox = sandbox
        options.readablePaths = Set(readable)
        return try ScriptHost(store: store, options: options, output: OutputSink(fd: -1))
    }

    /// Runs `code` and returns the global `result`.
    private func run(_ code: String, on host: ScriptHost? = nil) throws -> LuaValue {
        let host = try host ?? self.host()
        try host.runCode(code, chunkName: "=test")
        return host.lua.global("result")
    }

    @Test func decodeAndText() throws {
        #expect(try run(#"result = pln.html.decode("Fish &amp; chips &mdash; &#x1F41F; &nope;")"#) == "Fish & chips — 🐟 &nope;")
        #expect(try run(#"result = pln.html.text("<p>Hi <a href='https://x.example/tags/ell' class='mention hashtag'>#<span>ell</span></a></p><p>Bye<br>now</p>")"#)
            == "Hi #ell\n\nBye\nnow")
        #expect(try run(#"local _, links = pln.html.text("<a href='https://a.example/'>A</a> <a href='https://b.example/'>B</a>") result = table.concat(links, " ")"#)
            == "https://a.example/ https://b.example/")
    }

    @Test func textThatNeedsNothingComesBackAsItIs() throws {
        // pln.html.decode, pln.text.clean and pln.text.lower answer from the string's bytes when
        // they can; whatever path a string takes, the results are the same.
        let host = try host()
        try host.runCode(#"""
            local cases = {
              {"plain text, emoji 🐟 and é", "plain text, emoji 🐟 and é", "plain text, emoji 🐟 and é"},
              {"a &amp; b", "a & b", "a &amp; b"},
              {"line\r\nnext\27[31m red", "line\r\nnext\27[31m red", "line\nnext red"},
              {"tab\tand\nnewline", "tab\tand\nnewline", "tab\tand\nnewline"},
              {"bad \255 byte", "bad \239\191\189 byte", "bad \239\191\189 byte"},
              {"", "", ""},
            }
            for i, case in ipairs(cases) do
              local text, decoded, cleaned = case[1], case[2], case[3]
              assert(pln.html.decode(text) == decoded, "decode " .. i)
              assert(pln.text.clean(text) == cleaned, "clean " .. i)
              -- Two arguments (as from gsub) take the long way, with the same result.
              assert(pln.html.decode(text, 1) == decoded, "decode, two arguments " .. i)
            end
            assert(not pcall(pln.text.clean, 12) or pln.text.clean(12) == "12")
            -- pln.text.lower answers ASCII from the bytes, anything else through Unicode.
            for text, lowered in pairs({ ["EdChat #ELL @Jane_Doe"] = "edchat #ell @jane_doe", ["already lower"] = "already lower",
                                         ["ÜBUNG Mixed"] = "übung mixed", ["BAD \255"] = "bad \239\191\189", [""] = "",
                                         ["[A-Z@`{]"] = "[a-z@`{]" }) do
              assert(pln.text.lower(text) == lowered, "lower " .. text)
              assert(pln.text.lower(text, 1) == lowered, "lower, two arguments " .. text)
            end
            """#, chunkName: "=test")
    }

    @Test func tokensAreTables() throws {
        let result = try run("""
            local out = {}
            for t in pln.html.tokens("<DT><A HREF=x.html TAGS='a,b' ADD_DATE=\\"1\\">T &amp; U</A><br/><!--c-->") do
              if t.type == "start" then
                local keys = {}
                for k, v in pairs(t.attrs) do keys[#keys + 1] = k .. "=" .. v end
                table.sort(keys)
                out[#out + 1] = "start " .. t.name .. " " .. table.concat(keys, ",") .. " " .. tostring(t.self_closing)
              elseif t.type == "end" then out[#out + 1] = "end " .. t.name
              else out[#out + 1] = t.type .. " " .. t.text .. " @" .. t.line end
            end
            result = table.concat(out, "|")
            """)
        #expect(result == "start dt  false|start a add_date=1,href=x.html,tags=a,b false|text T & U @1|end a|start br  true|comment c @1")
    }

    @Test func xmlEventsAndErrors() throws {
        let result = try run("""
            local out = {}
            for e in pln.xml.parse("<feed xmlns:dc='d'>\\n<dc:title lang=\\"en\\">A &amp; B<![CDATA[ <c> ]]></dc:title>\\n</feed>") do
              out[#out + 1] = e.type .. ":" .. (e.name or e.text) .. (e.attrs and e.attrs.lang or "") .. "@" .. e.line
            end
            result = table.concat(out, "|")
            """)
        #expect(result == "start:feed@1|start:dc:titleen@2|text:A & B <c> @2|end:dc:title@2|end:feed@3")
        let failure = luaFailure { _ = try run("for e in pln.xml.parse('<a>\\n<b></a>', 'dump.xml') do end") }
        #expect(failure?.description == "dump.xml:2: mismatched end tag </a>: <b> (opened on line 2) is still open")
    }

    @Test func xmlFileStreamsAndHonoursTheSandbox() throws {
        let path = folder.path + "/pages.xml"
        try "<pages><page n='1'/><page n='2'/></pages>".write(toFile: path, atomically: true, encoding: .utf8)
        let code = """
            local n = {}
            for e in pln.xml.file(\"\(path)\") do
              if e.type == "start" and e.name == "page" then n[#n + 1] = e.attrs.n end
            end
            result = table.concat(n, ",")
            """
        #expect(try run(code) == "1,2")
        #expect(try run(code, on: host(sandbox: true, readable: [path])) == "1,2")
        let refused = luaFailure { _ = try run(code, on: host(sandbox: true)) }
        #expect(refused?.description.contains("a sandboxed script may only read files named on the command line") == true)
        let missing = luaFailure { _ = try run("pln.xml.file('\(folder.path)/none.xml')") }
        #expect(missing?.description.hasSuffix("none.xml: No such file or directory") == true)
    }
}
