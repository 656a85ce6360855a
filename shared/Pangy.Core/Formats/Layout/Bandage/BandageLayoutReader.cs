using Pangy.Core.Formats.Json;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pangy.Core.Formats.Layout.Bandage;

/// <summary>
/// Reads a Bandage(NG) layout (pangyplot-reference.md §2.3): a JSON object <c>{nodeName: [[x, y], …]}</c>, one
/// polyline per node. A node's (x1, y1) is its first point and (x2, y2) its last. The segment id is every decimal
/// digit of the name, concatenated (<c>"node_1"</c> → 1, <c>"12+"</c> → 12, <c>"chr1_5"</c> → 15), as the reference
/// makes it; when two names give the same id the later one wins.
/// </summary>
/// <remarks>
/// <para>Order follows the reference's Python exactly: a name repeated in the file keeps its first place with its last
/// value, and a node whose value is empty (<c>[]</c>, <c>{}</c>, <c>null</c>, <c>""</c>, <c>0</c>, <c>false</c>) is
/// skipped. Numbers may also be given as strings (<c>"1.5"</c>), which <c>float()</c> accepts.</para>
/// <para>Where the reference would crash, or store a coordinate it cannot use, Pangy stops with a
/// <see cref="BadInputException"/> naming the file and line: malformed JSON, a value that is not a list of points,
/// a point without two finite numbers (checked for every point, not only the first and last), a name without digits.</para>
/// </remarks>
public static class BandageLayoutReader
{
    private const int InitialBufferSize = 1 << 16;

    /// <summary>Reads a Bandage layout from <paramref name="stream"/> (plain bytes: gzip is undone by <see cref="LayoutReader"/>).</summary>
    /// <param name="stream">UTF-8 JSON; read to the end in pieces, not disposed.</param>
    /// <param name="fileName">The name used in error messages and kept on the table.</param>
    /// <param name="cancellationToken">Checked between buffer refills.</param>
    /// <exception cref="BadInputException">The file is empty, is not JSON, or is not a Bandage layout.</exception>
    public static LayoutTable Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var parser = new Parser(fileName);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int filled = 0;
            bool final = false, sawAnyByte = false;
            var state = new JsonReaderState();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length)
                {
                    // One token (a long name) fills the buffer: make room for the rest of it.
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int got = stream.Read(buffer, filled, buffer.Length - filled);
                if (got == 0) final = true;
                else sawAnyByte = true;
                filled += got;
                if (!sawAnyByte) BadInputException.Throw(fileName, null, "empty file: expected a Bandage layout (a JSON object)");

                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                int consumed = parser.Parse(ref reader, buffer.AsSpan(0, filled));
                if (final) return parser.Finish();
                state = reader.CurrentState;
                parser.Discard(buffer.AsSpan(0, consumed));
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a Bandage layout file (plain; use <see cref="LayoutReader.ReadFile"/> for gzip and sniffing).</summary>
    /// <exception cref="BadInputException">See <see cref="Read"/>.</exception>
    public static LayoutTable ReadFile(string path, CancellationToken cancellationToken = default)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(fs, path, cancellationToken);
    }

    /// <summary>Where the parser is in the document.</summary>
    private enum Expect
    {
        Root,          // the opening '{'
        Name,          // a node name, or the closing '}'
        Value,         // a node's value
        EmptyObject,   // '}' right after a '{' value
        Point,         // a point '[' of the polyline, or its closing ']'
        Coordinate,    // a coordinate of the point, or its closing ']'
        End,           // nothing more
    }

    /// <summary>One distinct node name: where the reference's dict keeps it, and what it ends up holding.</summary>
    private struct Entry
    {
        public long Id;
        public string? IdError;
        public long IdErrorLine;
        public bool HasCoords;
        public SegmentCoords Coords;
    }

    /// <summary>The token loop, resumable across buffers.</summary>
    private sealed class Parser(string fileName)
    {
        private readonly Dictionary<string, int> _slotOfName = new(StringComparer.Ordinal);
        private readonly List<Entry> _entries = [];
        private Expect _expect = Expect.Root;
        private int _slot;
        private long _linesBeforeBuffer;

        // The polyline being read.
        private int _points;
        private int _coordinates;
        private double _x, _y, _firstX, _firstY;

        /// <summary>Handles every complete token in the buffer; returns the bytes consumed.</summary>
        public int Parse(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
        {
            try
            {
                while (reader.Read()) Handle(ref reader, buffer);
            }
            catch (JsonException e)
            {
                throw new BadInputException(fileName, e.LineNumber + 1, $"not valid JSON ({Trim(e.Message)})", e);
            }
            return (int)reader.BytesConsumed;
        }

        /// <summary>Counts the lines in bytes about to leave the buffer, for the line numbers of later errors.</summary>
        public void Discard(ReadOnlySpan<byte> consumed) => _linesBeforeBuffer += consumed.Count((byte)'\n');

        public LayoutTable Finish()
        {
            if (_expect != Expect.End) BadInputException.Throw(fileName, null, "the JSON ends before the layout object is closed");
            var byId = new Dictionary<long, SegmentCoords>(_entries.Count);
            foreach (Entry e in _entries)
            {
                if (!e.HasCoords) continue;
                if (e.IdError is not null) BadInputException.Throw(fileName, e.IdErrorLine, e.IdError);
                byId[e.Id] = e.Coords;
            }
            return new LayoutTable(fileName, LayoutFormat.BandageJson, byId);
        }

        private void Handle(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
        {
            JsonTokenType token = reader.TokenType;
            switch (_expect)
            {
                case Expect.Root:
                    if (token != JsonTokenType.StartObject)
                        Fail(ref reader, buffer, "a Bandage layout is a JSON object of node name → list of [x, y] points");
                    _expect = Expect.Name;
                    return;

                case Expect.Name:
                    if (token == JsonTokenType.EndObject)
                    {
                        _expect = Expect.End;
                        return;
                    }
                    BeginNode(ref reader, buffer);
                    _expect = Expect.Value;
                    return;

                case Expect.Value:
                    switch (token)
                    {
                        case JsonTokenType.StartArray:
                            _points = 0;
                            _expect = Expect.Point;
                            return;
                        case JsonTokenType.StartObject:
                            _expect = Expect.EmptyObject;
                            return;
                        case JsonTokenType.Null or JsonTokenType.False:
                            EndNode(hasCoords: false);
                            return;
                        case JsonTokenType.String when reader.ValueSpan.IsEmpty:
                            EndNode(hasCoords: false);
                            return;
                        case JsonTokenType.Number when IsZero(reader.ValueSpan):
                            EndNode(hasCoords: false);
                            return;
                        default:
                            Fail(ref reader, buffer, "a node's value must be a list of [x, y] points");
                            return;
                    }

                case Expect.EmptyObject:
                    if (token != JsonTokenType.EndObject) Fail(ref reader, buffer, "a node's value must be a list of [x, y] points, not an object");
                    EndNode(hasCoords: false);
                    return;

                case Expect.Point:
                    if (token == JsonTokenType.EndArray)
                    {
                        if (_points == 0) EndNode(hasCoords: false);
                        else EndNode(hasCoords: true);
                        return;
                    }
                    if (token != JsonTokenType.StartArray) Fail(ref reader, buffer, "each point of a polyline must be a list [x, y]");
                    _coordinates = 0;
                    _expect = Expect.Coordinate;
                    return;

                case Expect.Coordinate:
                    if (token == JsonTokenType.EndArray)
                    {
                        if (_coordinates < 2) Fail(ref reader, buffer, "a point needs two coordinates, x and y");
                        if (_points == 0)
                        {
                            _firstX = _x;
                            _firstY = _y;
                        }
                        _points++;
                        _expect = Expect.Point;
                        return;
                    }
                    if (token is not (JsonTokenType.Number or JsonTokenType.String))
                        Fail(ref reader, buffer, "a coordinate must be a number");
                    if (_coordinates < 2)
                    {
                        double v = ReadCoordinate(ref reader, buffer);
                        if (_coordinates == 0) _x = v;
                        else _y = v;
                    }
                    _coordinates++;
                    return;

                default:
                    Fail(ref reader, buffer, "unexpected content after the layout object");
                    return;
            }
        }

        private void BeginNode(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
        {
            string name;
            try
            {
                name = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                Fail(ref reader, buffer, "a node name is not valid UTF-8");
                return;
            }
            // Python's dict: a repeated name keeps its first position and takes its last value.
            if (!_slotOfName.TryGetValue(name, out _slot))
            {
                _slot = _entries.Count;
                _slotOfName.Add(name, _slot);
                _entries.Add(default);
            }
            Entry e = default;
            e.IdError = SegmentIdOf(name, out e.Id);
            if (e.IdError is not null) e.IdErrorLine = LineOf(ref reader, buffer);
            _entries[_slot] = e;
        }

        private void EndNode(bool hasCoords)
        {
            Entry e = _entries[_slot];
            e.HasCoords = hasCoords;
            if (hasCoords) e.Coords = new SegmentCoords(_firstX, _firstY, _x, _y);
            _entries[_slot] = e;
            _expect = Expect.Name;
        }

        private double ReadCoordinate(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
        {
            ReadOnlySpan<byte> text = reader.ValueSpan;
            if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                text = Encoding.UTF8.GetBytes(reader.GetString()!);
            if (!PythonFloat.TryParse(text, out double v))
                Fail(ref reader, buffer, $"a coordinate is not a finite number: {LayoutErrors.Quote(text)}");
            return v;
        }

        private static bool IsZero(ReadOnlySpan<byte> number)
        {
            // JSON 0, -0, 0.0, 0e5 …: Python treats a zero value as empty and skips the node.
            foreach (byte b in number)
                if (b is >= (byte)'1' and <= (byte)'9') return false;
                else if (b is (byte)'e' or (byte)'E') return true;
            return true;
        }

        private long LineOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer) =>
            _linesBeforeBuffer + buffer[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;

        private void Fail(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, string reason) =>
            throw new BadInputException(fileName, LineOf(ref reader, buffer), reason);

        private static string Trim(string message)
        {
            // The framework's message ends with its own "LineNumber: … | BytePositionInLine: …"; the line is ours.
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut >= 0 ? message[..cut] : message).TrimEnd(' ', '.');
        }
    }

    /// <summary>
    /// The reference's id: all characters for which Python's <c>str.isdigit()</c> holds, concatenated, read by
    /// <c>int()</c>. Returns null and the id, or the reason the name has no usable id.
    /// </summary>
    internal static string? SegmentIdOf(string name, out long id)
    {
        id = 0;
        int digits = 0;
        foreach (Rune r in name.EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(r);
            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                int d = (int)Rune.GetNumericValue(r);
                if (id > (long.MaxValue - d) / 10) return $"the digits of node name {Quote(name)} make an id too large for a segment id";
                id = id * 10 + d;
                digits++;
            }
            else if (category == UnicodeCategory.OtherNumber && Rune.GetNumericValue(r) is var v && v >= 0 && v <= 9 && v == Math.Floor(v))
            {
                // Superscripts and circled digits count as digits for isdigit() but int() refuses them.
                return $"node name {Quote(name)} has a digit that is not a decimal digit ({r})";
            }
        }
        return digits == 0 ? $"node name {Quote(name)} has no digits to make a segment id from" : null;
    }

    private static string Quote(string name) => name.Length <= 40 ? $"'{name}'" : $"'{name[..40]}…'";
}
