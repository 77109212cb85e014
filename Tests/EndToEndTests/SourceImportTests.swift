import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln import` of BibTeX, RIS and CSL-JSON into sources.
@Suite("Importing bibliographies")
struct SourceImportTests {
    static let bibtex = """
        @string{rer = "Review of Educational Research"}
        % exported by a reference manager
        @article{hattie2007,
          author = {Hattie, John and Timperley, Helen},
          title = {The Power of Feedback},
          journal = rer,
          year = 2007,
          volume = {77},
          number = {1},
          pages = {81--112},
          doi = {10.3102/003465430298487}
        }
        @book{wiliam2011,
          author = {Dylan Wiliam},
          title = {Embedded Formative Assessment},
          publisher = {Solution Tree Press},
          year = {2011}
        }

        """

    @Test func bibtexBecomesSourcesAndReimportingChangesNothing() throws {
        let pln = PlnRunner()
        let file = pln.folder.write("refs.bib", Self.bibtex)
        let result = pln.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 sources (2 new, 0 updated)\n")
        #expect(pln.run(["cite", "hattie2007", "wiliam2011"]).lines == [
            "Hattie, J., & Timperley, H. (2007). The Power of Feedback. Review of Educational Research, 77(1), 81–112. https://doi.org/10.3102/003465430298487",
            "Wiliam, D. (2011). Embedded Formative Assessment. Solution Tree Press.",
        ])
        let before = pln.run(["sources", "--format", "jsonl"]).stdout
        #expect(pln.run(["import", file]).stdout == "imported 2 sources (0 new, 2 updated)\n")
        #expect(pln.run(["sources", "--format", "jsonl"]).stdout == before)
    }

    @Test func risAndCSLJSON() throws {
        let pln = PlnRunner()
        let ris = pln.folder.write("refs.ris", """
            TY  - RPRT
            AU  - Education Endowment Foundation
            TI  - Teacher Feedback to Improve Pupil Learning
            PY  - 2021
            PB  - EEF
            UR  - https://educationendowmentfoundation.org.uk/feedback
            ER  - 

            """)
        let risResult = pln.run(["import", ris])
        #expect(risResult.status == 0, "\(risResult.stderr)")
        #expect(risResult.stdout == "imported 1 source (1 new, 0 updated)\n")
        let csl = pln.folder.write("refs.json", """
            [{"id": "black1998", "type": "article-journal", "title": "Inside the Black Box",
              "author": [{"family": "Black", "given": "Paul"}, {"family": "Wiliam", "given": "Dylan"}],
              "issued": {"date-parts": [[1998]]}, "container-title": "Phi Delta Kappan", "volume": "80", "issue": "2",
              "page": "139-148"}]
            """)
        let cslResult = pln.run(["import", csl])
        #expect(cslResult.status == 0, "\(cslResult.stderr)")
        #expect(pln.run(["cite", "black1998"]).stdout
            == "Black, P., & Wiliam, D. (1998). Inside the Black Box. Phi Delta Kappan, 80(2), 139–148.\n")
        #expect(pln.run(["sources", "--format", "jsonl"]).lines.count == 2)
    }

    @Test func aMalformedRecordIsNamedAndNothingIsImported() {
        let pln = PlnRunner()
        let broken = pln.folder.write("broken.bib", Self.bibtex + "@article{open2020,\n  title = {Never closed\n")
        let result = pln.run(["import", broken])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: \(broken):"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(pln.run(["sources", "--format", "jsonl"]).stdout.isEmpty)
        let noER = pln.folder.write("broken.ris", "TY  - BOOK\nTI  - Half a record\n")
        let ris = pln.run(["import", noER])
        #expect(ris.status == 1)
        #expect(ris.stderr.contains("\(noER):1:"))
        let badJSON = pln.folder.write("broken.json", "[{\"id\": \"x\", \"type\": \"book\", \"title\": }]")
        #expect(pln.run(["import", "--format", "csl-json", badJSON]).status == 1)
    }
}
