using System.Runtime.CompilerServices;
using System.Text;

namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// A streaming GFA 1.0/1.1 reader over decompressed bytes. S and L records are handed out as typed views
/// (<see cref="Segment"/>, <see cref="Link"/>), other short records as a line span; P and W records hand out a view of
/// their name fields (<see cref="PathLine"/>, <see cref="WalkLine"/>) and then stream their steps through
/// <see cref="ReadSteps"/>, so a path line of hundreds of megabytes never has to fit in memory. LF or CRLF,
/// with or without a final newline. Errors are <see cref="BadInputException"/>s naming the file and line.
/// </summary>
/// <remarks>
/// Not thread-safe. The spans it returns are valid until the next call.
/// </remarks>
public sealed class GfaReader : IDisposable
{
    // Steps are parsed only where a whole token is guaranteed to be in the buffer; integer tokens are ≤ 12 bytes.
    private const int TokenSlack = 64;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buf;
    private int _pos, _len;
    private bool _eof, _checkedBinary;
    private long _newlinesBefore; // newlines consumed before _pos

    private GfaRecordKind _kind;
    private int _lineStart, _lineEnd;
    private bool _inSteps; // a P/W record whose step list has not been fully read
    private bool _stepsDone;
    private long _recordLine;
    // P: column 2. W: columns 2–6 (sample, haplotype, sequence id, start, end).
    private string _pathName = "";
    private readonly string[] _walkFields = new string[5];

    /// <param name="decompressed">The GFA text (use <see cref="Compression.InputStreams.OpenDecompressed"/> for gzip).</param>
    /// <param name="fileName">Name used in error messages.</param>
    public GfaReader(Stream decompressed, string fileName, int bufferSize = 1 << 22, bool leaveOpen = false)
    {
        _stream = decompressed ?? throw new ArgumentNullException(nameof(decompressed));
        FileName = fileName;
        _leaveOpen = leaveOpen;
        _buf = GC.AllocateUninitializedArray<byte>(Math.Max(bufferSize, 4096) + TokenSlack);
    }

    /// <summary>The file name used in errors.</summary>
    public string FileName { get; }

    /// <summary>1-based line number of the current record.</summary>
    public long LineNumber => _recordLine;

    /// <summary>Kind of the current record.</summary>
    public GfaRecordKind Kind => _kind;

    /// <summary>The current short record's line, without its line terminator (not for P/W records).</summary>
    public ReadOnlySpan<byte> Line
    {
        get
        {
            if (_kind is GfaRecordKind.Path or GfaRecordKind.Walk) throw new InvalidOperationException("path records are streamed; use the path fields and ReadSteps");
            return _buf.AsSpan(_lineStart, _lineEnd - _lineStart);
        }
    }

    /// <summary>The current S record's fields.</summary>
    /// <exception cref="BadInputException">The line has no name or no sequence.</exception>
    public GfaSegmentLine Segment
    {
        get
        {
            if (_kind != GfaRecordKind.Segment) throw new InvalidOperationException("the current record is not an S line");
            return GfaSegmentLine.Parse(_buf.AsSpan(_lineStart, _lineEnd - _lineStart), FileName, _recordLine);
        }
    }

    /// <summary>The current L record's fields.</summary>
    /// <exception cref="BadInputException">Fewer than five columns, or a bad orientation.</exception>
    public GfaLinkLine Link
    {
        get
        {
            if (_kind != GfaRecordKind.Link) throw new InvalidOperationException("the current record is not an L line");
            return GfaLinkLine.Parse(_buf.AsSpan(_lineStart, _lineEnd - _lineStart), FileName, _recordLine);
        }
    }

    /// <summary>The current P record's header; its steps come from <see cref="ReadSteps"/>.</summary>
    public GfaPathLine PathLine => _kind == GfaRecordKind.Path ? new GfaPathLine(_pathName, _recordLine)
        : throw new InvalidOperationException("the current record is not a P line");

    /// <summary>The current W record's header; its steps come from <see cref="ReadSteps"/>.</summary>
    public GfaWalkLine WalkLine => _kind == GfaRecordKind.Walk ? new GfaWalkLine(_walkFields, FileName, _recordLine)
        : throw new InvalidOperationException("the current record is not a W line");

    /// <summary>Advances to the next record; <see cref="GfaRecordKind.None"/> at the end of the file.</summary>
    public GfaRecordKind Read()
    {
        if (_inSteps) SkipRestOfLine();
        while (true)
        {
            if (_pos >= _len && !Fill()) { _kind = GfaRecordKind.None; return _kind; }
            byte first = _buf[_pos];
            if (first == (byte)'\n') { _pos++; _newlinesBefore++; continue; }
            if (first == (byte)'\r' && PeekIsBlankCrLf()) continue;
            _recordLine = _newlinesBefore + 1;
            switch (first)
            {
                case (byte)'P':
                    ReadPathHeader(GfaRecordKind.Path, 1);
                    return _kind;
                case (byte)'W':
                    ReadPathHeader(GfaRecordKind.Walk, 5);
                    return _kind;
                case (byte)'S': _kind = GfaRecordKind.Segment; break;
                case (byte)'L': _kind = GfaRecordKind.Link; break;
                case (byte)'H': _kind = GfaRecordKind.Header; break;
                default:
                    if (!(first is >= (byte)'A' and <= (byte)'Z' || first == (byte)'#'))
                        Fail($"line starts with byte 0x{first:x2} ('{(first is >= 0x20 and < 0x7f ? (char)first : '?')}'), which begins no GFA record");
                    _kind = GfaRecordKind.Other;
                    break;
            }
            ReadWholeLine();
            return _kind;
        }
    }

    private bool PeekIsBlankCrLf()
    {
        // A line holding only "\r" (CRLF blank line): skip it.
        if (_pos + 1 >= _len) Fill(keepFrom: _pos);
        if (_pos + 1 < _len && _buf[_pos + 1] == (byte)'\n') { _pos += 2; _newlinesBefore++; return true; }
        return false;
    }

    private void ReadWholeLine()
    {
        int searchFrom = _pos;
        while (true)
        {
            int nl = _buf.AsSpan(searchFrom, _len - searchFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int end = searchFrom + nl;
                _lineStart = _pos;
                _lineEnd = end > _pos && _buf[end - 1] == (byte)'\r' ? end - 1 : end;
                _pos = end + 1;
                _newlinesBefore++;
                return;
            }
            int scanned = _len - _pos;
            if (!Fill(keepFrom: _pos)) throw new InvalidOperationException("unreachable: the last line always ends with a newline");
            searchFrom = _pos + scanned;
        }
    }

    private void ReadPathHeader(GfaRecordKind kind, int fields)
    {
        _kind = kind;
        // The header (record type and name fields) is short; make sure it is in the buffer, then stop at the steps.
        int tabsNeeded = fields + 1;
        int searchFrom = _pos;
        int found = 0;
        Span<int> starts = stackalloc int[7];
        while (true)
        {
            int i = searchFrom;
            for (; i < _len && found < tabsNeeded; i++)
            {
                byte b = _buf[i];
                if (b == (byte)'\t') starts[++found] = i + 1;
                else if (b == (byte)'\n') break;
            }
            if (found == tabsNeeded) break;
            if (i < _len) // newline before all fields
                Fail(kind == GfaRecordKind.Path ? "P line has no step list" : "W line has fewer than 7 columns");
            int consumed = i - _pos;
            int before = _pos;
            if (!Fill(keepFrom: _pos)) Fail("unexpected end of file in a path header");
            int shift = before - _pos;
            for (int k = 1; k <= found; k++) starts[k] -= shift;
            searchFrom = _pos + consumed;
        }
        if (kind == GfaRecordKind.Path)
        {
            _pathName = Field(starts[1], starts[2] - 1);
            if (_pathName.Length == 0) Fail("P line has an empty path name");
        }
        else
        {
            for (int k = 0; k < 5; k++) _walkFields[k] = Field(starts[k + 1], starts[k + 2] - 1);
        }
        _pos = starts[tabsNeeded];
        // A path with no steps has no place in the graph, and the reference does not handle it (it crashes later);
        // say so here, where the line is known. Fill always leaves a final newline, so the byte exists.
        if (_pos >= _len) Fill(keepFrom: _pos);
        if (_buf[_pos] is (byte)'\t' or (byte)'\n' or (byte)'\r')
            Fail(kind == GfaRecordKind.Path ? $"P line '{_pathName}' has no steps" : $"W line {CurrentPathLabel()} has no steps");
        _inSteps = true;
        _stepsDone = false;
    }

    private string Field(int start, int end) => Encoding.UTF8.GetString(_buf, start, end - start);

    /// <summary>
    /// Reads the next steps of the current P or W record as packed values <c>(id &lt;&lt; 1) | reverse</c>, resolving
    /// names through <paramref name="ids"/>. Returns the number written; 0 once the step list is exhausted.
    /// </summary>
    /// <exception cref="BadInputException">A malformed step, or a step naming a segment no S line defined.</exception>
    public int ReadSteps(Span<long> destination, GfaSegmentIds ids)
    {
        if (!_inSteps) throw new InvalidOperationException("no path record is current");
        if (_stepsDone || destination.IsEmpty) return 0;
        int n = 0;
        bool walk = _kind == GfaRecordKind.Walk;
        while (n < destination.Length)
        {
            // Tokens are parsed only before `stop`, so each one is whole in the buffer; refill when we reach it.
            int stop = _eof ? _len : _len - TokenSlack;
            if (_pos >= stop && !_eof) { Fill(keepFrom: _pos); continue; }
            if (_pos >= _len) { _stepsDone = true; break; }
            byte c = _buf[_pos];
            if (c is (byte)'\t' or (byte)'\n' or (byte)'\r') { _stepsDone = true; break; }
            if (ids.Renumbered)
            {
                destination[n++] = walk ? ReadWalkStepByName(ids) : ReadPathStepByName(ids);
                continue;
            }
            n += walk ? ParseWalkSteps(destination[n..], ids, stop) : ParsePathSteps(destination[n..], ids, stop);
            if (_pos < _len && _buf[_pos] is (byte)'\t' or (byte)'\n' or (byte)'\r') { _stepsDone = true; break; }
        }
        return n;
    }

    // Hot loop: "12+,13-,…" with integer names. Stops at the field end, at `stop`, or when the destination is full.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParsePathSteps(Span<long> dest, GfaSegmentIds ids, int stop)
    {
        byte[] buf = _buf;
        int p = _pos, n = 0;
        while (n < dest.Length && p < stop)
        {
            int tokenStart = p;
            ulong id = 0;
            uint d;
            while ((d = (uint)(buf[p] - '0')) <= 9) { id = id * 10 + d; p++; }
            byte sign = buf[p];
            int digits = p - tokenStart;
            if ((sign != (byte)'+' && sign != (byte)'-') || digits == 0 || digits > 10)
            { _pos = tokenStart; BadStep(); }
            if (!ids.Exists((long)id)) { _pos = tokenStart; UnknownSegment(tokenStart, p - tokenStart); }
            dest[n++] = (long)(id << 1) | (sign == (byte)'-' ? 1L : 0L);
            p++;
            byte next = buf[p];
            if (next == (byte)',') { p++; continue; }
            if (next is (byte)'\t' or (byte)'\n' or (byte)'\r') break;
            _pos = tokenStart; BadStep();
        }
        _pos = p;
        return n;
    }

    // Hot loop: ">12<13…" with integer names.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParseWalkSteps(Span<long> dest, GfaSegmentIds ids, int stop)
    {
        byte[] buf = _buf;
        int p = _pos, n = 0;
        while (n < dest.Length && p < stop)
        {
            int tokenStart = p;
            byte orient = buf[p];
            if (orient != (byte)'>' && orient != (byte)'<') { _pos = tokenStart; BadStep(); }
            p++;
            int digitStart = p;
            ulong id = 0;
            uint d;
            while ((d = (uint)(buf[p] - '0')) <= 9) { id = id * 10 + d; p++; }
            int digits = p - digitStart;
            byte next = buf[p];
            if (digits == 0 || digits > 10 || !(next is (byte)'>' or (byte)'<' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            { _pos = tokenStart; BadStep(); }
            if (!ids.Exists((long)id)) { _pos = tokenStart; UnknownSegment(digitStart, digits); }
            dest[n++] = (long)(id << 1) | (orient == (byte)'<' ? 1L : 0L);
            if (next is (byte)'\t' or (byte)'\n' or (byte)'\r') break;
        }
        _pos = p;
        return n;
    }

    private long ReadPathStepByName(GfaSegmentIds ids)
    {
        int end = TokenEnd(static b => b is (byte)',' or (byte)'\t' or (byte)'\n' or (byte)'\r');
        int len = end - _pos;
        if (len < 2 || _buf[end - 1] is not ((byte)'+' or (byte)'-')) BadStep();
        int id = ids.Resolve(_buf.AsSpan(_pos, len - 1));
        if (id < 0) UnknownSegment(_pos, len - 1);
        long step = ((long)id << 1) | (_buf[end - 1] == (byte)'-' ? 1L : 0L);
        _pos = end;
        if (_buf[_pos] == (byte)',') _pos++;
        return step;
    }

    private long ReadWalkStepByName(GfaSegmentIds ids)
    {
        byte orient = _buf[_pos];
        if (orient is not ((byte)'>' or (byte)'<')) BadStep();
        _pos++;
        int end = TokenEnd(static b => b is (byte)'>' or (byte)'<' or (byte)'\t' or (byte)'\n' or (byte)'\r');
        if (end == _pos) { _pos--; BadStep(); }
        int id = ids.Resolve(_buf.AsSpan(_pos, end - _pos));
        if (id < 0) UnknownSegment(_pos, end - _pos);
        _pos = end;
        return ((long)id << 1) | (orient == (byte)'<' ? 1L : 0L);
    }

    // End of the token starting at _pos, refilling (and growing) the buffer until the whole token is present.
    private int TokenEnd(Func<byte, bool> isDelimiter)
    {
        int i = _pos;
        while (true)
        {
            for (; i < _len; i++) if (isDelimiter(_buf[i])) return i;
            int scanned = i - _pos;
            if (!Fill(keepFrom: _pos)) return _len;
            i = _pos + scanned;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void BadStep()
    {
        int end = Math.Min(_len, _pos + 40);
        int stop = _pos;
        while (stop < end && _buf[stop] is not ((byte)',' or (byte)'\t' or (byte)'\n' or (byte)'\r')) stop++;
        string token = Encoding.UTF8.GetString(_buf, _pos, Math.Max(1, stop - _pos));
        string form = _kind == GfaRecordKind.Walk ? "'>name' or '<name'" : "'name+' or 'name-'";
        Fail($"path step '{token}' in {CurrentPathLabel()} is not of the form {form}");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void UnknownSegment(int start, int length)
    {
        string name = Encoding.UTF8.GetString(_buf, start, Math.Min(length, 200));
        Fail($"path {CurrentPathLabel()} steps on segment '{name}', which no S line defines");
    }

    private string CurrentPathLabel() => _kind == GfaRecordKind.Walk ? $"'{_walkFields[0]}#{_walkFields[1]}#{_walkFields[2]}'" : $"'{_pathName}'";

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason) => BadInputException.Throw(FileName, _recordLine == 0 ? _newlinesBefore + 1 : _recordLine, reason);

    private void SkipRestOfLine()
    {
        _inSteps = false;
        while (true)
        {
            int nl = _buf.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
            if (nl >= 0) { _pos += nl + 1; _newlinesBefore++; return; }
            _pos = _len;
            if (!Fill()) return;
        }
    }

    /// <summary>
    /// Reads more bytes, keeping [keepFrom, _len) (moved to the front; the buffer doubles when that part alone would
    /// nearly fill it). At the end of the file a final newline is supplied if the file lacks one, so every record
    /// ends with '\n'. A zero byte is kept just past the data so that digit loops stop there. False when no byte
    /// was added.
    /// </summary>
    private bool Fill(int keepFrom = -1)
    {
        if (_eof) return false;
        int keep = keepFrom < 0 ? 0 : _len - keepFrom;
        if (keep > 0 && keepFrom > 0) Buffer.BlockCopy(_buf, keepFrom, _buf, 0, keep);
        if (keep > (_buf.Length - TokenSlack) / 2)
        {
            var bigger = GC.AllocateUninitializedArray<byte>(_buf.Length * 2);
            Buffer.BlockCopy(_buf, 0, bigger, 0, keep);
            _buf = bigger;
        }
        _pos = 0;
        _len = keep;
        int room = _buf.Length - TokenSlack - _len;
        int want = Math.Min(room, 1 << 16);
        int got = _stream.ReadAtLeast(_buf.AsSpan(_len, room), want, throwOnEndOfStream: false);
        if (!_checkedBinary && got > 0)
        {
            _checkedBinary = true;
            if (_buf.AsSpan(_len, Math.Min(got, 1 << 16)).IndexOf((byte)0) >= 0)
                BadInputException.Throw(FileName, null, "binary data (NUL bytes): this is not a GFA text file");
        }
        _len += got;
        bool added = got > 0;
        if (got < want)
        {
            _eof = true;
            if (_len > 0 && _buf[_len - 1] != (byte)'\n') { _buf[_len++] = (byte)'\n'; added = true; }
        }
        _buf[_len] = 0;
        return added;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
