/// The journal's SQL schema, one migration per version.
///
/// Migrations are append-only: a released migration is never edited; a change of schema is a
/// new entry at the end. `PRAGMA user_version` holds the number of migrations applied, so a
/// journal from a newer pln (a larger number) is recognised before anything is written.
package enum Schema {
    /// `PRAGMA application_id` of every pln journal: "PLN1" in ASCII.
    package static let applicationID: Int32 = 0x504C_4E31

    /// The migrations, in order. The journal's `user_version` is the count applied.
    package static let migrations: [String] = [v1, v2, v3, v4]

    /// Keeps the full-text index in step with new entries.
    ///
    /// A bulk import drops it inside its transaction and indexes the new rows in one statement
    /// at the end, which FTS5 does five times faster than row by row; the transaction makes the
    /// drop invisible to everyone else and undoes it on failure.
    package static let ftsInsertTrigger = """
        CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
            INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body);
        END
        """

    /// The index that keeps entries' UUIDs unique, and finds an entry by UUID. Since version 4
    /// a named index rather than a constraint of the table: an import into an empty journal
    /// builds it once at the end (see `Importer`), which SQLite allows for an index but not for
    /// a constraint.
    package static let uuidIndexName = "entry_uuid"

    /// The newest schema version this build knows.
    package static var version: Int { migrations.count }

    static let v1 = """
        CREATE TABLE entry (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: "entry 12" stays entry 12
            uuid      TEXT NOT NULL UNIQUE,
            created   TEXT NOT NULL,              -- ISO 8601 with the UTC offset of capture
            ts        INTEGER NOT NULL,           -- the same instant as Unix seconds, for ordering
            body      TEXT NOT NULL,
            kind      TEXT NOT NULL DEFAULT 'note',
            framework TEXT,
            starred   INTEGER NOT NULL DEFAULT 0,
            fields    TEXT,                       -- JSON object of custom fields, or NULL
            updated   TEXT
        );
        CREATE INDEX entry_ts ON entry(ts);
        CREATE INDEX entry_kind_ts ON entry(kind, ts);
        CREATE INDEX entry_starred_ts ON entry(ts) WHERE starred;

        CREATE TABLE tag (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        );
        CREATE TABLE entry_tag (
            entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            tag_id   INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
            PRIMARY KEY (tag_id, entry_id)
        ) WITHOUT ROWID;
        CREATE INDEX entry_tag_entry ON entry_tag(entry_id);

        CREATE TABLE person (
            id         INTEGER PRIMARY KEY,
            uuid       TEXT NOT NULL UNIQUE,
            handle     TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- without the leading @
            name       TEXT,
            roles      TEXT,       -- JSON array of strings
            topics     TEXT,       -- JSON array of strings
            handles    TEXT,       -- JSON object: platform -> handle
            email      TEXT,
            met        TEXT,
            through_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
            cadence_days INTEGER,
            notes      TEXT,
            created    TEXT NOT NULL
        );

        CREATE TABLE source (
            id        INTEGER PRIMARY KEY,
            uuid      TEXT NOT NULL UNIQUE,
            key       TEXT NOT NULL UNIQUE COLLATE NOCASE,
            type      TEXT NOT NULL DEFAULT 'webpage',   -- a CSL item type
            title     TEXT,
            authors   TEXT,       -- JSON array of CSL names
            issued    TEXT,       -- EDTF-style date: 2010, 2010-05, 2010-05-14
            container TEXT,
            volume    TEXT,
            issue     TEXT,
            pages     TEXT,
            publisher TEXT,
            url       TEXT,
            url_norm  TEXT UNIQUE, -- normalised URL, to reuse a web source
            doi       TEXT,
            isbn      TEXT,
            hashtag   TEXT,
            platform  TEXT,
            schedule  TEXT,
            stub      INTEGER NOT NULL DEFAULT 0,        -- created from an inline [[key]]
            created   TEXT NOT NULL
        );

        CREATE TABLE entry_person (
            entry_id  INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            role      TEXT NOT NULL DEFAULT 'mentioned',
            PRIMARY KEY (person_id, entry_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX entry_person_entry ON entry_person(entry_id);

        CREATE TABLE entry_source (
            entry_id  INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            locator   TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source_id, entry_id, locator)
        ) WITHOUT ROWID;
        CREATE INDEX entry_source_entry ON entry_source(entry_id);

        CREATE TABLE entry_link (
            from_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            to_id   INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            role    TEXT NOT NULL DEFAULT 'follows-up',
            PRIMARY KEY (from_id, to_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX entry_link_to ON entry_link(to_id);

        CREATE TABLE person_source (
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            role      TEXT NOT NULL DEFAULT 'recommended',
            PRIMARY KEY (person_id, source_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX person_source_source ON person_source(source_id);

        CREATE VIRTUAL TABLE entry_fts USING fts5(
            body, content='entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        \(ftsInsertTrigger);
        CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
            INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER entry_fts_update AFTER UPDATE OF body ON entry BEGIN
            INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body);
        END;
        """

    /// Version 2: structured reflections, follow-ups and import provenance.
    static let v2 = """
        -- One row per answered stage of a structured reflection (entry.framework names the
        -- framework); the entry body holds the same text as Markdown sections, so full-text
        -- search finds it, while this table answers stage: terms and --missing.
        CREATE TABLE entry_stage (
            entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            stage    TEXT NOT NULL,
            position INTEGER NOT NULL,
            body     TEXT NOT NULL,
            PRIMARY KEY (entry_id, stage)
        ) WITHOUT ROWID;
        CREATE INDEX entry_stage_stage ON entry_stage(stage, entry_id);
        CREATE INDEX entry_framework_ts ON entry(framework, ts) WHERE framework IS NOT NULL;

        -- A follow-up on an action-plan stage: due on a local date until an outcome entry
        -- answers it.
        CREATE TABLE followup (
            entry_id   INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            stage      TEXT NOT NULL,
            due        TEXT NOT NULL,             -- YYYY-MM-DD, local date
            outcome_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,
            PRIMARY KEY (entry_id, stage)
        ) WITHOUT ROWID;
        CREATE INDEX followup_open_due ON followup(due) WHERE outcome_id IS NULL;

        -- Where an imported entry came from ("twitter:1234"), so a re-import adds nothing.
        CREATE TABLE entry_origin (
            origin   TEXT PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX entry_origin_entry ON entry_origin(entry_id);
        """

    /// Version 3: indexes for streaks, the heatmap, reviews and the learning/sharing balance.
    ///
    /// Indexes only, no table rewrite: on a 1M-entry journal this takes about a second, once.
    static let v3 = """
        -- The local day each entry was written on, in the offset stored with it: streaks, the
        -- heatmap, reviews and "on this day" count these days with index seeks and ranges
        -- instead of reading every entry. Queries must spell the expression exactly like this.
        CREATE INDEX entry_day ON entry(substr(created, 1, 10));
        -- Entries by link role ("shared-with"), for the balance of learning against sharing.
        CREATE INDEX entry_person_role ON entry_person(role, entry_id);
        -- Chats by hashtag: every saved #tag asks whether a chat has it, which read the whole
        -- source table (a journal of web sources) once per tag.
        CREATE INDEX source_hashtag ON source(hashtag COLLATE NOCASE) WHERE hashtag IS NOT NULL;
        """

    /// Version 4: the entries' UUIDs unique through a named index instead of the table's
    /// UNIQUE constraint, so that an import into an empty journal can build it once from
    /// sorted keys instead of inserting a million random UUIDs one by one (about 1.5 s of a
    /// 13 s import of a million entries).
    ///
    /// The constraint's automatic index and the named one store the same keys in the same order
    /// (the UUID, then the row id; binary collation), so this changes only their descriptions
    /// in the schema table, the way SQLite's documentation describes for changes that leave
    /// the stored content as it is: instant on any journal, where rebuilding the table would
    /// take seconds on a large one and leave its old pages free in the file. The schema
    /// cookie is bumped afterwards (`JournalStore.migrate`) so that other connections reload
    /// the schema; a test checks `PRAGMA integrity_check` on an upgraded journal.
    ///
    /// Both edits happen only on the table as version 1 wrote it; on any other (not written by
    /// pln) the constraint stays, and pln checks each imported UUID as before.
    static let v4 = """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET name = 'entry_uuid', sql = 'CREATE UNIQUE INDEX entry_uuid ON entry(uuid)'
            WHERE type = 'index' AND name = 'sqlite_autoindex_entry_1'
            AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'entry_uuid')
            AND (SELECT instr(sql, 'uuid      TEXT NOT NULL UNIQUE,') FROM sqlite_master WHERE type = 'table' AND name = 'entry') > 0;
        UPDATE sqlite_master SET sql = replace(sql, 'uuid      TEXT NOT NULL UNIQUE,', 'uuid      TEXT NOT NULL,')
            WHERE type = 'table' AND name = 'entry'
            AND EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'entry_uuid' AND rootpage > 0
                        AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_autoindex_entry_1'));
        PRAGMA writable_schema = RESET;
        """
}
