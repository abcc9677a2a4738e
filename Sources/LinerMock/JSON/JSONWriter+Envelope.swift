extension JSONWriter {
    /// Opens Liner's success envelope up to its data: `{"success":true,"message":"","data":`. The
    /// caller writes the data, then closes the envelope with `endObject()`.
    mutating func beginSuccessEnvelope() {
        beginObject()
        key("success")
        bool(true)
        key("message")
        string("")
        key("data")
    }
}
