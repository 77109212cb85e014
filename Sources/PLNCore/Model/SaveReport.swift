/// What saving an entry did besides storing it: the people and sources it created.
package struct SaveReport: Sendable, Equatable {
    package var id: Int64
    package var createdPeople: [String] = []
    package var createdSources: [String] = []
    /// The keys of the web sources the draft's URLs were linked to, in order.
    package var urlKeys: [String] = []

    package init(id: Int64) { self.id = id }
}
