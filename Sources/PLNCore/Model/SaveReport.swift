/// What saving an entry did besides storing it: the people and sources it created.
package struct SaveReport: Sendable, Equatable {
    package var id: Int64
    package var createdPeople: [String] = []
    package var createdSources: [String] = []

    package init(id: Int64) { self.id = id }
}
