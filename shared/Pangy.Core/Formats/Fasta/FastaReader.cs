namespace Pangy.Core.Formats.Fasta;

/// <summary>
/// A streaming FASTA reader over decompressed bytes: <see cref="ReadDefinition"/> gives the next record's name (the
/// header up to the first blank), then <see cref="ReadBases"/> gives its letters in chunks with line ends and blanks
/// removed, so a chromosome never has to fit in memory. LF or CRLF; blank lines are ignored.
/// </summary>
/// <remarks>Errors name the file and line: bases before the first header, an empty name, a byte that is not a letter.</remarks>
public sealed class FastaReader : IDisposable
{
    private readonly Stream _stream;
    private readonly string _fileName;
    private readonly bool _leaveOpen;
    private readonly byte[] _buf = new byte[1 << 16];
    private int _pos, _len;
    private long _line = 1;
    private bool _lineStart = true, _inRecord;

    public FastaReader(Stream decompressed, string fileName, bool leaveOpen = false)
    {
        _stream = decompressed ?? throw new ArgumentNullException(nameof(decompressed));
        _fileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        _leaveOpen = leaveOpen;
    }

    /// <summary>The 1-based line being read.</summary>
    public long LineNumber => _line;

    /// <summary>The next record's name, skipping any bases of the current record not read yet; null at the end.</summary>
    /// <exception cref="BadInputException">Bases before the first header, or an empty name.</exception>
    public string? ReadDefinition()
    {
        if (_inRecord)
        {
            Span<byte> skip = stackalloc byte[4096];
            while (ReadBases(skip) > 0) { }
        }
        while (true)
        {
            int b = Peek();
            if (b < 0) return null;
            if (b is '\n' or '\r' or ' ' or '\t') { Next(); continue; }
            if (b != '>') throw new BadInputException(_fileName, _line, "sequence data before the first '>' header");
            break;
        }
        Next();
        var name = new List<byte>();
        bool inName = true;
        while (true)
        {
            int b = Peek();
            if (b < 0 || b == '\n') break;
            Next();
            // The name is the header up to the first blank; a leading blank is skipped (">  chr1").
            if (b is ' ' or '\t' or '\r') inName = name.Count == 0;
            else if (inName) name.Add((byte)b);
        }
        if (name.Count == 0) throw new BadInputException(_fileName, _line, "a '>' header without a name");
        _inRecord = true;
        return System.Text.Encoding.UTF8.GetString(name.ToArray());
    }

    /// <summary>Fills <paramref name="buffer"/> with the current record's next letters; 0 at the record's end.</summary>
    /// <exception cref="BadInputException">A byte in a sequence line is not a letter.</exception>
    public int ReadBases(Span<byte> buffer)
    {
        int n = 0;
        while (n < buffer.Length && _inRecord)
        {
            int b = Peek();
            if (b < 0 || (b == '>' && _lineStart)) { _inRecord = false; break; }
            Next();
            if (b is '\n' or '\r' or ' ' or '\t') continue;
            if ((uint)((b | 0x20) - 'a') > 'z' - 'a')
                throw new BadInputException(_fileName, _line - (b == '\n' ? 1 : 0), $"'{Printable(b)}' is not a nucleotide letter");
            buffer[n++] = (byte)b;
        }
        return n;
    }

    private static string Printable(int b) => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:X2}";

    private int Peek()
    {
        if (_pos == _len)
        {
            _len = _stream.Read(_buf, 0, _buf.Length);
            _pos = 0;
            if (_len == 0) return -1;
        }
        return _buf[_pos];
    }

    private void Next()
    {
        byte b = _buf[_pos++];
        _lineStart = b == '\n';
        if (_lineStart) _line++;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
