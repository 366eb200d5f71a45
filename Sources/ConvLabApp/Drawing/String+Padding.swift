extension String {
    /// This text padded with spaces to `length` characters (never cut), for columns of keys
    /// and names.
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
