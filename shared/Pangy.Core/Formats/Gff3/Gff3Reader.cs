using System.Text.Unicode;

namespace Pangy.Core.Formats.Gff3;

/// <summary>
/// A streaming GFF3 reader over decompressed bytes that hands out one feature line at a time as column spans.
/// Line rules follow the reference's parser (<c>parse_gff3.py</c>, reference §9.1): a line starting with <c>#</c>
/// is a comment or directive; every other line is trimmed of ASCII white space at both ends (Python's
/// <c>str.strip</c>) and split on tabs; a line with fewer than 9 columns is skipped and counted in
/// <see cref="SkippedLines"/>; columns past the ninth are ignored. LF or CRLF, with or without a final newline; a
/// leading UTF-8 byte-order mark is ignored. Reading stops at a <c>##FASTA</c> directive (what follows is sequence,
/// which the reference would skip line by line anyway).
/// </summary>
/// <remarks>
/// Errors are <see cref="BadInputException"/>s naming the file and line: a start or end that is not an integer (the
/// reference crashes there, whatever the feature type), an end before the start, text that is not UTF-8.
/// Not thread-safe. The spans it returns are valid until the next <see cref="Read"/>.
/// </remarks>
public sealed class Gff3Reader : IDisposable
{
    /// <summary>Number of columns of a GFF3 feature line.</summary>
    public const int ColumnCount = 9;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buf;
    private int _pos, _len;
    private bool _eof, _started, _fastaReached;
    private long _lineNumber;
    // Start and end offsets (into _buf) of the nine columns of the current feature.
    private readonly int[] _colStart = new int[ColumnCount];
    private readonly int[] _colEnd = new int[ColumnCount];

    /// <param name="decompressed">The GFF3 text (use <see cref="Compression.InputStreams.OpenDecompressed"/> for gzip).</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="bufferSize">Initial buffer size; it grows to hold the longest line.</param>
    /// <param name="leaveOpen">Leave <paramref name="decompressed"/> open on dispose.</param>
    public Gff3Reader(Stream decompressed, string fileName, int bufferSize = 1 << 20, bool leaveOpen = false)
    {
        _stream = decompressed ?? throw new ArgumentNullException(nameof(decompressed));
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        _leaveOpen = leaveOpen;
        _buf = GC.AllocateUninitializedArray<byte>(Math.Max(bufferSize, 4096));
    }

    /// <summary>The file name used in errors.</summary>
    public string FileName { get; }

    /// <summary>1-based line number of the current feature.</summary>
    public long LineNumber => _lineNumber;

    /// <summary>Lines that are neither comments, blank, nor features (fewer than 9 tab-separated columns): skipped, as the reference does.</summary>
    public long SkippedLines { get; private set; }

    /// <summary>True once a <c>##FASTA</c> directive ended the features.</summary>
    public bool FastaReached => _fastaReached;

    /// <summary>Column 1: the sequence (chromosome) name.</summary>
    public ReadOnlySpan<byte> SeqId => Column(0);

    /// <summary>Column 2: the source.</summary>
    public ReadOnlySpan<byte> Source => Column(1);

    /// <summary>Column 3: the feature type, as written.</summary>
    public ReadOnlySpan<byte> Type => Column(2);

    /// <summary>Column 4 parsed: the 1-based start.</summary>
    public long Start { get; private set; }

    /// <summary>Column 5 parsed: the 1-based, inclusive end.</summary>
    public long End { get; private set; }

    /// <summary>Column 7: the strand (<c>+</c>, <c>-</c>, <c>.</c> or <c>?</c>, as written).</summary>
    public ReadOnlySpan<byte> Strand => Column(6);

    /// <summary>Column 9: the attributes, as written (see <see cref="Gff3Attributes"/>).</summary>
    public ReadOnlySpan<byte> Attributes => Column(8);

    /// <summary>Column <paramref name="index"/> (0-based, 0–8) of the current feature.</summary>
    public ReadOnlySpan<byte> Column(int index) => _buf.AsSpan(_colStart[index], _colEnd[index] - _colStart[index]);

    /// <summary>Advances to the next feature line; false at the end of the file.</summary>
    /// <exception cref="BadInputException">The line is not UTF-8, or its start or end is not a valid integer.</exception>
    public bool Read()
    {
        if (_fastaReached) return false;
        while (NextLine(out int start, out int end))
        {
            var line = _buf.AsSpan(start, end - start);
            if (line.IsEmpty) continue;
            if (line[0] == (byte)'#')
            {
                if (line.StartsWith("##FASTA"u8)) { _fastaReached = true; return false; }
                continue;
            }
            int s = start, e = end;
            while (s < e && IsSpace(_buf[s])) s++;
            while (e > s && IsSpace(_buf[e - 1])) e--;
            if (s == e) continue;
            if (!SplitColumns(s, e)) { SkippedLines++; continue; }
            if (!Utf8.IsValid(_buf.AsSpan(s, e - s))) Fail("the line is not valid UTF-8 text");
            Start = ParseCoordinate(3, "start");
            End = ParseCoordinate(4, "end");
            if (End < Start) Fail($"end {End} is before start {Start}");
            var strand = Strand;
            if (strand.Length != 1 || strand[0] is not ((byte)'+' or (byte)'-' or (byte)'.' or (byte)'?'))
                Fail($"strand '{Printable(strand)}' is not one of + - . ?");
            CheckAttributes(Column(8));
            return true;
        }
        return false;
    }

    private bool SplitColumns(int s, int e)
    {
        int col = 0, fieldStart = s;
        for (int i = s; i < e && col < ColumnCount; i++)
        {
            int tab = _buf.AsSpan(i, e - i).IndexOf((byte)'\t');
            if (tab < 0) break;
            i += tab;
            _colStart[col] = fieldStart;
            _colEnd[col] = i;
            col++;
            fieldStart = i + 1;
        }
        if (col < ColumnCount - 1) return false;
        if (col == ColumnCount - 1)
        {
            _colStart[col] = fieldStart;
            _colEnd[col] = e;
        }
        return true;
    }

    // Column 9 is '.' or tag=value pairs separated by ';' (an empty entry, e.g. a trailing ';', is tolerated).
    private void CheckAttributes(ReadOnlySpan<byte> attributes)
    {
        if (attributes.SequenceEqual("."u8)) return;
        foreach (var range in attributes.Split((byte)';'))
        {
            var entry = attributes[range].Trim((byte)' ');
            if (entry.IsEmpty || entry.IndexOf((byte)'=') > 0) continue;
            if (entry.IndexOf((byte)'"') > 0)
                Fail("attributes look like GTF (key \"value\"), not GFF3 (key=value); convert the file to GFF3");
            Fail($"attribute '{Printable(entry)}' is not of the form tag=value");
        }
    }

    private long ParseCoordinate(int column, string what)
    {
        var text = Column(column);
        if (!TryParseInteger(text, out long v))
            Fail($"{what} '{Printable(text)}' is not an integer");
        return v;
    }

    /// <summary>
    /// An integer as Python's <c>int()</c> reads the reference's columns: an optional sign and ASCII digits
    /// (surrounding spaces allowed). False when it is not one or does not fit 64 bits.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        int i = 0, n = text.Length;
        while (i < n && IsSpace(text[i])) i++;
        while (n > i && IsSpace(text[n - 1])) n--;
        bool negative = false;
        if (i < n && (text[i] == (byte)'+' || text[i] == (byte)'-')) negative = text[i++] == (byte)'-';
        if (i == n) return false;
        ulong acc = 0;
        for (; i < n; i++)
        {
            uint d = (uint)(text[i] - (byte)'0');
            if (d > 9) return false;
            if (acc > (ulong.MaxValue - d) / 10) return false;
            acc = acc * 10 + d;
        }
        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1) return false;
            value = (long)(0 - acc);
        }
        else
        {
            if (acc > long.MaxValue) return false;
            value = (long)acc;
        }
        return true;
    }

    internal static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c;

    private static string Printable(ReadOnlySpan<byte> text)
    {
        var s = System.Text.Encoding.UTF8.GetString(text.Length > 40 ? text[..40] : text);
        return text.Length > 40 ? s + "…" : s;
    }

    private void Fail(string reason) => BadInputException.Throw(FileName, _lineNumber, reason);

    // The next line as [start, end) without its terminator; false at the end of the input.
    private bool NextLine(out int start, out int end)
    {
        if (!_started)
        {
            _started = true;
            Fill();
            if (_len - _pos >= 3 && _buf.AsSpan(_pos, 3).SequenceEqual("\xEF\xBB\xBF"u8)) _pos += 3;
        }
        int searchFrom = _pos;
        while (true)
        {
            int nl = _buf.AsSpan(searchFrom, _len - searchFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                start = _pos;
                end = searchFrom + nl;
                _pos = end + 1;
                if (end > start && _buf[end - 1] == (byte)'\r') end--;
                _lineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_pos >= _len) { start = end = 0; return false; }
                start = _pos;
                end = _len;
                _pos = _len;
                if (end > start && _buf[end - 1] == (byte)'\r') end--;
                _lineNumber++;
                return true;
            }
            int scanned = _len - _pos;
            Fill();
            searchFrom = _pos + scanned;
        }
    }

    // Moves the unread tail to the front (growing the buffer when one line fills it) and reads more.
    private void Fill()
    {
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
        }
        if (_len == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
        while (_len < _buf.Length)
        {
            int n = _stream.Read(_buf, _len, _buf.Length - _len);
            if (n == 0) { _eof = true; break; }
            _len += n;
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
