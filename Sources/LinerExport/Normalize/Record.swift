import LinerJSON

/// A normalized lead: one cell per column of the run's `ColumnLayout`, plus what no column holds.
///
/// Cells are stored flat rather than as an array of `Cell`: a kind and a number per column, and the
/// bytes of every text in one buffer. A record then costs two allocations however many text columns
/// it has (a third only for lists and JSON values), the CSV and NDJSON writers read its text in place
/// with no reference counting per cell, and freeing it releases nothing per cell. `cells` gives the
/// cells back as `Cell` values.
public struct Record: Sendable {
    private var slots: [CellSlot] = []
    /// The bytes of every text, number, date and phone cell, one after the other.
    private var bytes: [UInt8] = []
    /// Lists and JSON values, which keep their shape; `CellSlot.payload` is the index here.
    private var shapedCells: [Cell] = []
    /// Raw members no column holds (fields the API added later, custom values of unknown ids), so that
    /// NDJSON keeps the whole lead. Keyed by their output name.
    public var extras: [(key: String, value: JSONValue)]

    public init(cells: [Cell], extras: [(key: String, value: JSONValue)]) {
        self.init(columnCount: cells.count)
        for cell in cells { append(cell) }
        self.extras = extras
    }

    /// An empty record with room for `columnCount` cells.
    init(columnCount: Int) {
        slots.reserveCapacity(columnCount)
        bytes.reserveCapacity(columnCount * 24)  // most rows fit: growing copies the bytes
        extras = []
    }

    /// The number of cells.
    public var count: Int { slots.count }

    /// The cells as values (a copy of each text: fine for tests, previews and the slower writers).
    public var cells: [Cell] { (0..<slots.count).map(cell(at:)) }

    /// Cell `column` as a value.
    public func cell(at column: Int) -> Cell {
        let slot = slots[column]
        func text() -> String { String(decoding: bytes[slot.range], as: UTF8.self) }
        switch slot.kind {
        case .empty: return .empty
        case .text: return .text(text())
        case .integer: return .integer(slot.payload)
        case .number: return .number(text())
        case .boolean: return .boolean(slot.payload != 0)
        case .dateTime:
            let iso8601 = bytes.withUnsafeBufferPointer { ISO8601Text(copying: UnsafeBufferPointer(rebasing: $0[slot.range])) }
            return .dateTime(Timestamp(millisecondsSinceEpoch: slot.payload), iso8601: iso8601)
        case .date: return .date(text())
        case .phone: return .phone(text())
        case .shaped: return shapedCells[Int(slot.payload)]
        }
    }

    /// Adds `cell` as the next column's.
    mutating func append(_ cell: Cell) {
        switch cell {
        case .empty: appendEmpty()
        case .text(let text): appendText(text)
        case .integer(let value): appendInteger(value)
        case .number(let literal): appendText(literal, kind: .number)
        case .boolean(let flag): appendBoolean(flag)
        case .dateTime(let timestamp, let iso8601): appendDateTime(timestamp, iso8601: iso8601)
        case .date(let text): appendText(text, kind: .date)
        case .phone(let phone): appendText(phone, kind: .phone)
        case .list, .json:
            slots.append(CellSlot(kind: .shaped, payload: Int64(shapedCells.count)))
            shapedCells.append(cell)
        }
    }

    // The normalizer appends through these directly: building a `Cell` first and switching on it
    // here cost about 6 % of normalize + CSV.

    @inline(__always)
    mutating func appendEmpty() {
        slots.append(CellSlot(kind: .empty))
    }

    @inline(__always)
    mutating func appendInteger(_ value: Int64) {
        slots.append(CellSlot(kind: .integer, payload: value))
    }

    @inline(__always)
    mutating func appendBoolean(_ flag: Bool) {
        slots.append(CellSlot(kind: .boolean, payload: flag ? 1 : 0))
    }

    /// A text, number, date or phone cell (`kind`) holding `text`.
    @inline(__always)
    mutating func appendText(_ text: String, kind: CellSlot.Kind = .text) {
        text.withUTF8Bytes { appendBytes($0, kind: kind) }
    }

    @inline(__always)
    mutating func appendDateTime(_ timestamp: Timestamp, iso8601: ISO8601Text) {
        iso8601.withUTF8 { appendBytes($0, kind: .dateTime, payload: timestamp.millisecondsSinceEpoch) }
    }

    /// A cell of `kind` whose text is `text`'s bytes.
    @inline(__always)
    mutating func appendBytes(_ text: UnsafeBufferPointer<UInt8>, kind: CellSlot.Kind, payload: Int64 = 0) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        slots.append(CellSlot(kind: kind, payload: payload, start: start, count: text.count))
    }

    /// Lets `body` read the cells in place; the view is valid only inside `body`.
    @inline(__always)
    public func withCellViews<Result>(_ body: (CellViews) throws -> Result) rethrows -> Result {
        try slots.withUnsafeBufferPointer { slots in
            try bytes.withUnsafeBufferPointer { bytes in
                try body(CellViews(slots: slots, bytes: bytes, shapedCells: shapedCells))
            }
        }
    }
}

/// One cell's kind and where its value is: the number itself, or its bytes in the record's buffer.
struct CellSlot: Sendable {
    enum Kind: UInt8, Sendable {
        case empty, text, integer, number, boolean, dateTime, date, phone, shaped
    }

    var kind: Kind
    /// An integer's value, a Boolean as 0 or 1, an instant's milliseconds, a shaped cell's index.
    var payload: Int64
    var start: UInt32
    var count: UInt32

    init(kind: Kind, payload: Int64 = 0, start: Int = 0, count: Int = 0) {
        self.kind = kind
        self.payload = payload
        self.start = UInt32(start)
        self.count = UInt32(count)
    }

    var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
}

/// A record's cells read in place (see `Record.withCellViews`).
public struct CellViews {
    fileprivate let slots: UnsafeBufferPointer<CellSlot>
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let shapedCells: [Cell]

    public var count: Int { slots.count }

    /// Cell `column`: its text as bytes borrowed from the record.
    @inline(__always)
    public subscript(column: Int) -> CellView {
        let slot = slots[column]
        let text = UnsafeBufferPointer(rebasing: bytes[slot.range])
        switch slot.kind {
        case .empty: return .empty
        case .text: return .text(text)
        case .integer: return .integer(slot.payload)
        case .number: return .number(text)
        case .boolean: return .boolean(slot.payload != 0)
        case .dateTime: return .dateTime(Timestamp(millisecondsSinceEpoch: slot.payload), iso8601: text)
        case .date: return .date(text)
        case .phone: return .phone(text)
        case .shaped: return .shaped(Int(slot.payload))
        }
    }

    /// The list or JSON cell a `.shaped` view points at.
    public func shapedCell(_ index: Int) -> Cell { shapedCells[index] }
}

/// A `Cell` whose text is borrowed: what writers switch on. Lists and JSON values are `.shaped`,
/// read with `CellViews.shapedCell(_:)`.
public enum CellView {
    case empty
    case text(UnsafeBufferPointer<UInt8>)
    case integer(Int64)
    case number(UnsafeBufferPointer<UInt8>)
    case boolean(Bool)
    case dateTime(Timestamp, iso8601: UnsafeBufferPointer<UInt8>)
    case date(UnsafeBufferPointer<UInt8>)
    case phone(UnsafeBufferPointer<UInt8>)
    case shaped(Int)
}
