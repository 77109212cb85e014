import Foundation
import GRDB
import PLNCore
import PLNTestSupport
import Testing
@testable import PLNScripting

@Suite("Importer Lua API")
struct ImporterAPITests {
    /// A host on a fresh journal with `source` loaded (it registers importers).
    private func host(_ source: String) throws -> (ScriptHost, JournalStore, TemporaryFolder) {
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        let host = try ScriptHost(store: store, options: ScriptOptions(), output: OutputSink(fd: -1))
        try host.runCode(source)
        return (host, store, folder)
    }

    private func count(_ store: JournalStore, _ sql: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    @Test func originUrlsFollowsAndSince() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              results = {}
              local function add(id, date, extra)
                local entry = { body = "post " .. id, date = date, parse = false, origin = "t:" .. id,
                                urls = { "https://Example.com/a/", "https://example.com/" .. id }, fields = { platform = "t", id = id } }
                for k, v in pairs(extra or {}) do entry[k] = v end
                local e, why = pln.add(entry)
                results[#results + 1] = e and ("added " .. e.id) or why
              end
              add("1", "2024-01-01T10:00:00Z")
              add("2", "2024-01-02T10:00:00Z", { follows = "t:1" })
              add("3", "2024-01-03T10:00:00Z", { follows = 1, uuid = "11111111-2222-3333-4444-555555555555" })
              add("0", "2019-01-01T10:00:00Z")
              add("4", "2024-01-04T10:00:00Z", { uuid = "11111111-2222-3333-4444-555555555555" })
              add("1", "2024-01-01T10:00:00Z")
            end }
            """)
        let since = Timestamp(iso8601: "2020-01-01T00:00:00Z", assumingZone: .gmt)
        let report = try host.runImporter("t", path: folder.path + "/x.t",
                                          options: ImportRun.Options(since: "2020-01-01", sinceTimestamp: since))
        try host.runCode("pln.print(table.concat(results, ','))")
        #expect(report.entries == 3)
        #expect(report.alreadyImported == 2)
        #expect(report.skipped.map(\.reason) == ["before --since"])
        // One source for the shared URL (normalised match), one per post.
        #expect(report.sources == 4)
        #expect(try count(store, "SELECT count(*) FROM source WHERE url_norm LIKE '%example.com/a%'") == 1)
        #expect(try count(store, "SELECT count(*) FROM entry_link WHERE role = 'follows-up' AND to_id = 1") == 2)
        #expect(try count(store, "SELECT count(*) FROM entry_origin") == 3)
        #expect(report.description == "imported 3 entries, 0 people, 4 sources, 8 links from x.t with t; 2 already imported; skipped 1 (before --since: 1)")
        // Outside an import a duplicate uuid is still an error; a duplicate origin is not.
        #expect(throws: ScriptError.self) {
            try host.runCode("pln.add{ body = 'again', uuid = '11111111-2222-3333-4444-555555555555' }")
        }
        try host.runCode("local e, why = pln.add{ body = 'again', origin = 't:2' }; assert(e == nil and why == 'exists')")
        #expect(try count(store, "SELECT count(*) FROM entry") == 3)
    }

    @Test func aFailingRecordStopsTheImportAndRollsEverythingBack() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              pln.import.total(3)
              for i = 1, 3 do
                pln.import.record("file.json record " .. i, function()
                  pln.add{ body = "record " .. i, parse = false, people = { "ann" } }
                  if i == 2 then error("no date", 0) end
                end)
              end
            end }
            """)
        var progress: [Int] = []
        #expect {
            _ = try host.runImporter("t", path: folder.path + "/file.json", progress: { progress.append($0.done) })
        } throws: { error in
            (error as? ScriptError)?.description == "file.json record 2: no date"
        }
        #expect(progress == [1])
        #expect(try count(store, "SELECT count(*) FROM entry") == 0)
        #expect(try count(store, "SELECT count(*) FROM person") == 0)
    }

    /// Adding to a journal that never held an entry drops the entries' secondary indexes until
    /// the run's writes are flushed (before an update, and before the commit): queries in
    /// between answer the same, the indexes are all back after the run, and a failed run keeps
    /// them as they were.
    @Test func anImportIntoAnEmptyJournalBuildsItsIndexesAtTheEnd() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              local e = pln.add{ body = "first #a @kim", origin = "t:1", date = "2026-01-02" }
              pln.add{ body = "second #a", origin = "t:2", date = "2026-01-01" }
              assert(pln.count("#a") == 2 and pln.count("@kim") == 1)
              local order = {}
              for entry in pln.entries("#a") do order[#order + 1] = entry.body end
              assert(table.concat(order, ",") == "second #a,first #a @kim", table.concat(order, ","))
              pln.update(e.id, { starred = true })
              pln.add{ body = "third #a", origin = "t:3" }
              assert(pln.count("is:starred") == 1 and pln.count("#a") == 3)
              if fail then error("stop", 0) end
            end }
            """)
        let schema = "SELECT group_concat(name || ':' || sql, '|') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name)"
        func indexes() throws -> String { try store.read { db in try String.fetchOne(db, sql: schema) ?? "" } }
        let before = try indexes()
        #expect(before.contains("entry_ts:CREATE INDEX entry_ts ON entry(ts)"))
        try host.runCode("fail = true")
        #expect(throws: ScriptError.self) { _ = try host.runImporter("t", path: folder.path + "/x") }
        #expect(try indexes() == before)
        #expect(try count(store, "SELECT count(*) FROM entry") == 0)
        try host.runCode("fail = false")
        _ = try host.runImporter("t", path: folder.path + "/x")
        #expect(try indexes() == before)
        #expect(try count(store, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'third'") == 1)
        #expect(try count(store, "SELECT count(*) FROM entry INDEXED BY entry_ts WHERE ts > 0") == 3)
        #expect(try count(store, "SELECT count(*) FROM entry_tag INDEXED BY entry_tag_entry WHERE entry_id > 0") == 3)
    }

    /// Without --skip-bad a record runs without a savepoint: an importer that catches the failed
    /// record's error and writes on still ends in an error, with nothing of the file saved.
    @Test func aCaughtFailingRecordStillStopsTheImport() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              local ok, why = pcall(pln.import.record, "file.json record 1", function()
                pln.add{ body = "half a record", parse = false, people = { "ann" }, tags = { "t" } }
                error("no date", 0)
              end)
              assert(not ok and why == "file.json record 1: no date", why)
              pln.add{ body = "written after the failure", parse = false }
              local again = pcall(pln.import.record, "file.json record 2", function() pln.add{ body = "never" } end)
              assert(not again)
            end }
            """)
        #expect {
            _ = try host.runImporter("t", path: folder.path + "/file.json")
        } throws: { error in
            (error as? ScriptError)?.description == "file.json record 1: no date"
        }
        for table in ["entry", "person", "tag", "entry_fts"] {
            #expect(try count(store, "SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
    }

    @Test func skipBadRollsBackOnlyTheBadRecord() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              assert(opts.skip_bad == true and opts.me == "ann@mastodon.social" and opts.dry_run == false)
              for i = 1, 4 do
                pln.import.record("record " .. i, function()
                  if i == 3 then pln.import.skip("no text") return end
                  local people = { "@bob.smith", "carol@example.org" }
                  -- dave is new in the record that fails, and named again later: the id the
                  -- failed record gave him must not be reused.
                  if i == 2 or i == 4 then people[3] = "dave" end
                  pln.add{ body = "record " .. i, parse = false, people = people, tags = { "t" .. i, "shared" } }
                  if i == 2 then local x = nil; return x.field end
                end)
              end
              pln.import.skip("ad")
            end }
            """)
        var reported: [String] = []
        var progress: [Int] = []
        let report = try host.runImporter("t", path: folder.path + "/x", options: ImportRun.Options(me: "ann@mastodon.social", skipBad: true),
                                          progress: { progress.append($0.done) }, skippedBad: { reported.append($0) })
        #expect(report.entries == 2)
        #expect(report.people == 3)
        #expect(report.skipped.map { "\($0.reason)=\($0.count)" } == ["no text=1", "ad=1", "bad record=1"])
        #expect(reported.count == 1)
        #expect(reported.first?.hasPrefix("skipped record 2: ") == true)
        #expect(reported.first?.contains("attempt to index a nil value") == true, "\(reported)")
        #expect(progress == [1, 2, 3, 4, 5])
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry ORDER BY id") } == ["record 1", "record 4"])
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT handle FROM person ORDER BY handle") }
                == ["bob.smith", "carol@example.org", "dave"])
        #expect(try count(store, "SELECT count(*) FROM entry_person ep JOIN person p ON p.id = ep.person_id WHERE p.handle = 'dave'") == 1)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM tag ORDER BY name") } == ["shared", "t1", "t4"])
        // Full-text search finds what the import added (deferred indexing survived the rollback).
        #expect(try count(store, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'record'") == 2)
    }

    @Test func aDryRunCountsAndPreviewsButSavesNothing() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              dry_runs = (dry_runs or "") .. tostring(opts.dry_run)
              for i = 1, 7 do
                pln.import.record("r" .. i, function()
                  pln.add{ body = "entry " .. i, parse = false, urls = { "https://example.com/" .. i }, origin = "t:" .. i }
                end)
              end
            end }
            """)
        let report = try host.runImporter("t", path: folder.path + "/x.json", options: ImportRun.Options(dryRun: true))
        #expect(report.entries == 7)
        #expect(report.sources == 7)
        #expect(report.preview.map(\.body) == ["entry 1", "entry 2", "entry 3", "entry 4", "entry 5"])
        #expect(report.description.hasPrefix("would import 7 entries, 0 people, 7 sources, 7 links from x.json with t"))
        #expect(try count(store, "SELECT count(*) FROM entry") == 0)
        #expect(try count(store, "SELECT count(*) FROM source") == 0)
        #expect(try count(store, "SELECT count(*) FROM entry_origin") == 0)
        // The journal works normally afterwards.
        let again = try host.runImporter("t", path: folder.path + "/x.json")
        #expect(again.entries == 7)
        try host.runCode("assert(dry_runs == 'truefalse', dry_runs)")
        #expect(try count(store, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'entry'") == 7)
    }

    @Test func storedTextIsCleanedEvenWhenTheImporterForgets() throws {
        let (_, store, _) = try host("""
            pln.add{ body = "evil \\27]0;title\\7text\\r\\nline two\\27[2J", parse = false, tags = { "x\\27[31m" } }
            pln.person{ handle = "dan@mastodon.social", name = "Dan\\27[5m Blink" }
            pln.source{ url = "https://example.com/post?id=1", title = "A \\27[1mbold\\27[0m title", type = "post" }
            """)
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT body FROM entry") } == "evil text\nline two")
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT name FROM tag") } == "x")
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT name FROM person") } == "Dan Blink")
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT title FROM source") } == "A bold title")
    }

    @Test func aSourceByURLIsFoundOrCreated() throws {
        let (host, store, _) = try host("""
            pln.add{ body = "read https://www.example.com/article/ today" }
            local s = pln.source{ url = "http://example.com/article", title = "The article", authors = { "Doe, Jane" }, type = "article" }
            assert(s.key == "example.com/article", s.key)
            local t = pln.source{ url = "https://example.org/new", title = "New" }
            assert(t.key == "example.org/new" and t.title == "New", t.key)
            """)
        #expect(try count(store, "SELECT count(*) FROM source") == 2)
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT title FROM source WHERE key = 'example.com/article'") }
                == "The article")
        #expect(throws: ScriptError.self) { try host.runCode("pln.source{ title = 'no key, no url' }") }
    }

    /// A Lua `same(a, b, path)` that asserts two values are equal, tables key by key.
    private static let same = """
        local function same(a, b, path)
          assert(type(a) == type(b), path .. ": " .. tostring(a) .. " vs " .. tostring(b))
          if type(a) ~= "table" then assert(a == b, path .. ": " .. tostring(a) .. " vs " .. tostring(b)) return end
          for k, v in pairs(a) do same(v, b[k], path .. "." .. tostring(k)) end
          for k, v in pairs(b) do same(a[k], v, path .. "." .. tostring(k)) end
        end

        """

    @Test func aNewWebSourceWhoseKeyIsTakenIsNumberedAndComesBackWhole() throws {
        let (_, store, _) = try host(Self.same + """
            pln.source{ key = "example.org/watch", type = "book", title = "Taken by name" }
            local s = pln.source{ url = "https://example.org/v1/watch", title = "A video", type = "video", authors = { "Doe, Jane" } }
            assert(s.key == "example.org/watch-2", s.key)
            assert(s.type == "video" and s.title == "A video" and s.url == "https://example.org/v1/watch", s.type)
            assert(#s.authors == 1 and s.authors[1] == "Doe, Jane" and s.stub == false and s.entries == 0)
            assert(#s.uuid == 36 and s.created ~= nil and s.doi == nil, s.uuid)
            local again = pln.source{ url = "http://www.example.org/v1/watch", title = "Renamed" }
            assert(again.key == s.key and again.title == "Renamed" and again.type == "video", again.key)
            pln.add{ body = "watched", urls = { "https://example.org/v1/watch" } }
            assert(pln.source(s.key).entries == 1)
            assert(pln.source("nothing") == nil)
            local plain = pln.source{ url = "https://example.org/plain" }
            assert(plain.type == "webpage" and #plain.authors == 0 and plain.title == nil, plain.type)
            -- A source just created comes back as reading it gives it.
            local made = pln.source{ url = " https://example.net/a/b?x=1 ", type = "post", title = "T", issued = 2024,
                                     authors = { "Doe, Jane", "Roe, R." }, container = "C", doi = "10.1/x" }
            same(made, pln.source(made.key), "made")
            same(plain, pln.source(plain.key), "plain")
            """)
        #expect(try count(store, "SELECT count(*) FROM source") == 4)
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT title FROM source WHERE key = 'example.org/watch'") }
                == "Taken by name")
    }

    @Test func aPersonComesBackWholeFromEveryCall() throws {
        _ = try host(Self.same + """
            assert(pln.person("@nobody") == nil)
            local bare = pln.person{ handle = "kim" }
            assert(bare.handle == "@kim" and #bare.roles == 0 and next(bare.handles) == nil and bare.entries == 0, bare.handle)
            assert(bare.name == nil and bare.through == nil and bare.every_days == nil and bare.last == nil and #bare.uuid == 36)
            local ana = pln.person{ handle = "@ana", name = "Ana Lopez", email = "ana@example.org", met = "2024-05-01",
                                    notes = "PLC", roles = { "colleague", "mentor" }, topics = { "ell" },
                                    handles = { mastodon = "@ana@mas.to" }, every_days = 30, through = "@kim" }
            pln.add{ body = "Talked with @ana", date = "2026-11-02" }
            pln.add{ body = "Again @ana", date = "2026-11-20 10:00" }
            local read = pln.person("ana")
            assert(read.name == "Ana Lopez" and read.email == "ana@example.org" and read.met == "2024-05-01" and read.notes == "PLC")
            assert(read.roles[2] == "mentor" and read.topics[1] == "ell" and read.handles.mastodon == "@ana@mas.to")
            assert(read.every_days == 30 and read.through == "@kim" and read.entries == 2, tostring(read.entries))
            assert(read.last:sub(1, 10) == "2026-11-20", read.last)
            assert(ana.entries == 0 and ana.last == nil)
            ana.entries, ana.last = read.entries, read.last
            same(ana, read, "ana")
            local listed
            for _, p in ipairs(pln.people()) do if p.handle == "@ana" then listed = p end end
            same(listed, read, "people")
            """)
    }

    @Test func jsonItemsDecodesOneElementAtATime() throws {
        let (host, _, folder) = try host("")
        try host.runCode("""
            local text = 'window.YTD.tweets.part0 = [\\n {"a": 1, "b": [true, null, 2.5]},\\n "x", null, {"c": {"d": "é"}} ];'
            local step, n = pln.json.items(text, text:find("[", 1, true))
            assert(n == 4, "count " .. tostring(n))
            local seen = {}
            for i, v in step do seen[#seen + 1] = { i, v } end
            assert(#seen == 4)
            assert(seen[1][2].a == 1 and seen[1][2].b[1] == true and seen[1][2].b[3] == 2.5)
            assert(seen[2][2] == "x" and seen[3][2] == nil and seen[4][2].c.d == "é")
            local ok, message = pcall(function()
              for _ in pln.json.items('[\\n{"a": 1},\\n{"a": }\\n]') do end
            end)
            assert(not ok and message:find("pln.json.items: line 3: ", 1, true), message)
            """)
        let file = folder.write("tweets.js", "window.YTD.tweets.part0 = [\n {\"a\": 1},\n {\"a\": }\n];")
        try host.runCode("""
            local a = pln.archive.open("\(file)")
            local step, n = a:items("tweets.js")
            assert(n == 2, tostring(n))
            local i, first = step()
            assert(i == 1 and first.a == 1)
            local ok, message = pcall(step)
            assert(not ok and message == "tweets.js: line 3: unexpected character '}'", message)
            """)
        // Each element is what pln.json.decode makes of it: escapes, surrogate pairs, empty
        // strings and containers, nulls (left out of objects, holes in arrays), numbers, keys
        // with escapes, a backslash before a closing quote, and deep nesting.
        try host.runCode(#"""
            local deep = ('['):rep(150) .. '"bottom"' .. (']'):rep(150)
            local items = {
              '{"text": "line\\nbreak \\"quoted\\" \\\\ back\\\\", "e": "\\u00e9\\ud83d\\ude00", "": ""}',
              '{"a": null, "b": [1, null, 3], "c": {}, "d": [], "k\\"ey": -2.5e3, "n": 12345678901}',
              '"\\\\"', '0', 'true', deep,
            }
            local text = '[' .. table.concat(items, ',\n') .. ']'
            local function same(a, b)
              if type(a) ~= type(b) then return false end
              if type(a) ~= 'table' then return a == b and math.type(a) == math.type(b) end
              for k, v in pairs(a) do if not same(v, b[k]) then return false end end
              for k in pairs(b) do if a[k] == nil then return false end end
              return true
            end
            local step, n = pln.json.items(text)
            assert(n == #items, 'count ' .. tostring(n))
            local count = 0
            for i, value in step do
              count = count + 1
              assert(same(value, pln.json.decode(items[i])), 'element ' .. i)
            end
            assert(count == #items)
            local first = pln.json.decode(items[1])
            assert(first.text == 'line\nbreak "quoted" \\ back\\' and first.e == 'é😀' and first[""] == "")
            -- deeper than pln.json.decode goes (200 levels): the items are built in place
            for _, value in pln.json.items('[' .. ('['):rep(500) .. '1' .. (']'):rep(500) .. ']') do
              local levels = 0
              while type(value) == 'table' do value, levels = value[1], levels + 1 end
              assert(levels == 500 and value == 1, levels)
            end
            """#)
        // With a key: the array under the first "key":, or nil when there is none.
        let outbox = folder.write("outbox.json", "{\"type\": \"OrderedCollection\",\n \"orderedItems\" :\n [{\"id\": 7}]}")
        try host.runCode("""
            local a = pln.archive.open("\(outbox)")
            local step, n = a:items("outbox.json", "orderedItems")
            assert(n == 1, tostring(n))
            local i, item = step()
            assert(i == 1 and item.id == 7)
            assert(a:items("outbox.json", "items") == nil)
            """)
    }

    /// With `keep`, elements hold only the listed keys at every depth (values filtered in turn),
    /// and keys set to true whole; arrays keep every element; the count is unchanged.
    /// Close to the memory cap the elements come as values instead of being written straight
    /// onto the stack: the same tables either way.
    @Test func jsonItemsNearTheMemoryCapGiveTheSameTables() throws {
        var options = ScriptOptions()
        options.memoryLimit = 48 * 1024 * 1024
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        let host = try ScriptHost(store: store, options: options, output: OutputSink(fd: -1))
        try host.runCode(#"""
            local text = '[{"a": {"b": [1, null, "x"], "c": 2}, "d": "y"}, [true, {"b": 3.5}], "s"]'
            local function all()
              local got = {}
              for i, v in pln.json.items(text, 1, { "a", "b", "d" }) do got[i] = v end
              return got
            end
            local function check(got)
              assert(got[1].a.b[1] == 1 and got[1].a.b[2] == nil and got[1].a.b[3] == "x", "b")
              assert(got[1].a.c == nil and got[1].d == "y", "a")
              assert(got[2][1] == true and got[2][2].b == 3.5 and got[3] == "s" and got[4] == nil, "rest")
            end
            check(all())
            hog = {}
            while collectgarbage("count") < 36 * 1024 do hog[#hog + 1] = string.rep("x", 4096) .. #hog end
            check(all())
            """#)
    }

    @Test func jsonItemsKeepOnlyTheListedKeys() throws {
        let (host, _, folder) = try host("")
        try host.runCode(#"""
            local text = [=[
            [{"tweet": {"id": "1", "edit": {"ids": ["1"], "id": "x"}, "n": 3,
                        "entities": {"tags": [{"text": "a", "indices": [0, 1]}, {"text": "b"}], "urls": []},
                        "map": {"en": "<p>hi</p>", "de": {"text": "hallo"}}, "text": null}},
             {"other": 1}, 7, ["id", {"id": 2, "x": 3}]]
            ]=]
            local keep = { "tweet", "id", "entities", "tags", "text", map = true }
            local step, n = pln.json.items(text, 1, keep)
            -- a number there is not a keep list: the idiom passes both results of text:find
            assert(select(2, pln.json.items(text, text:find("[", 1, true))) == 4)
            assert(n == 4, tostring(n))
            local got = {}
            for i, v in step do got[i] = v end
            local t = got[1].tweet
            assert(t.id == "1" and t.n == nil and t.edit == nil and t.text == nil)
            assert(#t.entities.tags == 2 and t.entities.tags[1].text == "a" and t.entities.tags[1].indices == nil)
            assert(t.entities.tags[2].text == "b" and t.entities.urls == nil)
            assert(t.map.en == "<p>hi</p>" and t.map.de.text == "hallo")
            assert(next(got[2]) == nil and got[3] == 7)
            assert(got[4][1] == "id" and got[4][2].id == 2 and got[4][2].x == nil)
            local ok, message = pcall(pln.json.items, text, 1, { 1 })
            assert(not ok and message:find("'keep' must list key names", 1, true), message)
            ok, message = pcall(pln.json.items, text, 1, { map = "yes" })
            assert(not ok and message:find("name = true", 1, true), message)
            -- a record left out still has to be valid JSON
            ok, message = pcall(function() for _ in pln.json.items('[{"a": 1, "b": [1,}]', 1, { "a" }) do end end)
            assert(not ok and message:find("line 1", 1, true), message)
            """#)
        let file = folder.write("tweets.js", "window.YTD.tweets.part0 = [\n {\"a\": 1, \"b\": {\"a\": 2, \"c\": 3}}\n];")
        try host.runCode("""
            local a = pln.archive.open("\(file)")
            local step = a:items("tweets.js", nil, { "a", "b" })
            local _, first = step()
            assert(first.a == 1 and first.b.a == 2 and first.b.c == nil)
            """)
    }

    @Test func importFunctionsRefuseOutsideAnImport() throws {
        let (host, _, _) = try self.host("")
        #expect {
            try host.runCode("pln.import.record('x', function() end)")
        } throws: { error in
            "\(error)".contains("pln.import.record: only an importer's run can call it")
        }
        try host.runCode("assert(pln.text.repair_utf8('cafÃ©') == 'café'); assert(pln.text.clean('a\\r\\nb\\27[0m') == 'a\\nb')")
    }

    @Test func importAddTellsAFailureWithoutTheLuaPosition() throws {
        let (host, store, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              pln.import.record("posts.json record 1", function()
                pln.import.add{ body = "fine", date = "2024-01-01T10:00:00Z", parse = false }
              end)
              pln.import.record("posts.json record 2", function()
                pln.import.add{ body = "bad", date = "2024-02-30T10:00:00Z", parse = false }
              end)
            end }
            pln.importer{ name = "plain", run = function(path, opts)
              pln.import.record("posts.json record 2", function()
                pln.add{ body = "bad", date = "2024-02-30T10:00:00Z", parse = false }
              end)
            end }
            """)
        #expect {
            _ = try host.runImporter("plain", path: folder.path + "/posts.json")
        } throws: { error in
            "\(error)".hasPrefix("posts.json record 2: (command line):") && "\(error)".contains(": pln.add: ")
        }
        var reported: [String] = []
        let report = try host.runImporter("t", path: folder.path + "/posts.json", options: ImportRun.Options(skipBad: true),
                                          skippedBad: { reported.append($0) })
        #expect(report.entries == 1)
        #expect(reported == ["skipped posts.json record 2: invalid date '2024-02-30T10:00:00Z': February 2024 has 29 days"])
        #expect(try count(store, "SELECT count(*) FROM entry") == 1)
    }

    @Test func jsonDecodeWithANameTellsFileAndLine() throws {
        let (host, _, _) = try host("")
        #expect {
            try host.runCode("pln.json.decode('[1,\\n2,\\n}', 'posts.json')")
        } throws: { error in
            "\(error)" == "posts.json:3: unexpected character '}'"
        }
        #expect {
            try host.runCode("pln.json.decode('[1,\\n2,\\n}')")
        } throws: { error in
            "\(error)".hasPrefix("(command line):1: pln.json.decode: line 3: ")
        }
    }

    @Test func beforeSinceComparesWithTheSinceInstant() throws {
        let (host, _, folder) = try host("""
            pln.importer{ name = "t", run = function(path, opts)
              local b = pln.import.before_since
              results = table.concat({ tostring(b("2023-12-31T23:59:59Z")), tostring(b("2024-01-01T00:00:00Z")),
                tostring(b(1704067199)), tostring(b(1704067200)), tostring(b("not a date")) }, ",")
            end }
            """)
        let since = Timestamp(iso8601: "2024-01-01T00:00:00Z", assumingZone: .gmt)
        _ = try host.runImporter("t", path: folder.path + "/x", options: ImportRun.Options(since: "2024-01-01T00:00:00Z", sinceTimestamp: since))
        #expect(try host.evaluate("results") == "true,false,true,false,false")
        _ = try host.runImporter("t", path: folder.path + "/x")
        #expect(try host.evaluate("results") == "false,false,false,false,false")
        #expect {
            try host.runCode("pln.import.before_since('2024-01-01')")
        } throws: { error in
            "\(error)".contains("pln.import.before_since: only an importer's run can call it")
        }
    }
}
