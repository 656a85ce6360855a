using Pangy.Core.Formats.Json;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Layout.OdgiTsv;

/// <summary>
/// Reads <c>odgi layout --tsv</c> output (pangyplot-reference.md §2.1): a header line, always skipped, then rows
/// <c>idx, X, Y[, component]</c>, tab-separated, two per segment — data rows 2k and 2k+1 are segment k's two ends.
/// The idx and component columns are ignored, as the reference ignores them.
/// </summary>
/// <remarks>
/// Each row is read as the reference's Python reads it: line ends are LF, CRLF or a lone CR (universal newlines);
/// the line is stripped of surrounding whitespace and split on tabs; X and Y are columns 2 and 3 and are parsed as
/// <c>float()</c> parses, to the nearest double. Where the reference crashes or silently drops data, Pangy stops
/// with a <see cref="BadInputException"/> naming the file and line: an odd number of data rows (the reference drops
/// the last one), a row with fewer than three columns, an X or Y that is not a finite number. Blank lines carry no
/// row and are skipped.
/// </remarks>
public static class OdgiTsvReader
{
    private const int InitialBufferSize = 1 << 20;

    /// <summary>Bytes kept free after the data in the buffer: the fast path reads 8 bytes at a time.</summary>
    private const int Slack = 8;

    /// <summary>Reads a whole TSV layout from <paramref name="stream"/> (plain bytes: gzip is undone by <see cref="LayoutReader"/>).</summary>
    /// <param name="stream">The TSV bytes; read to the end, not disposed.</param>
    /// <param name="fileName">The name used in error messages and kept on the table.</param>
    /// <param name="cancellationToken">Checked between buffer refills.</param>
    /// <exception cref="BadInputException">The file is empty, or a row is malformed, or the data rows are odd in number.</exception>
    public static LayoutTable Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var parser = new RowParser(fileName);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int filled = 0;
            bool sawAnyByte = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length - Slack) Grow(ref buffer, filled);
                int got = stream.Read(buffer, filled, buffer.Length - Slack - filled);
                if (got > 0)
                {
                    sawAnyByte = true;
                    filled += got;
                    int end = CompleteLinesEnd(buffer.AsSpan(0, filled));
                    if (end == 0) continue;
                    parser.Parse(buffer.AsSpan(0, end));
                    buffer.AsSpan(end, filled - end).CopyTo(buffer);
                    filled -= end;
                    continue;
                }

                if (!sawAnyByte) BadInputException.Throw(fileName, null, "empty file: expected an odgi layout TSV header and rows");
                if (filled > 0)
                {
                    // The last line has no line end; give it one so the row loop always stops at a terminator.
                    byte last = buffer[filled - 1];
                    if (last != (byte)'\n' && last != (byte)'\r')
                    {
                        if (filled == buffer.Length - Slack) Grow(ref buffer, filled);
                        buffer[filled++] = (byte)'\n';
                    }
                    parser.Parse(buffer.AsSpan(0, filled));
                }
                return parser.Finish();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a TSV layout file (plain; use <see cref="LayoutReader.ReadFile"/> for gzip and sniffing).</summary>
    /// <exception cref="BadInputException">See <see cref="Read"/>.</exception>
    public static LayoutTable ReadFile(string path, CancellationToken cancellationToken = default)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(fs, path, cancellationToken);
    }

    private static void Grow(ref byte[] buffer, int keep)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
        buffer.AsSpan(0, keep).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>
    /// Length of the prefix of <paramref name="data"/> made of whole lines. A CR in the last byte is held back: it may
    /// be the first half of a CRLF whose LF has not been read yet.
    /// </summary>
    private static int CompleteLinesEnd(ReadOnlySpan<byte> data)
    {
        int k = data[..^1].LastIndexOfAny((byte)'\n', (byte)'\r');
        if (k < 0) return 0;
        return data[k] == (byte)'\r' && data[k + 1] == (byte)'\n' ? k + 2 : k + 1;
    }

    /// <summary>The row loop, with its state carried between buffers.</summary>
    private sealed class RowParser(string fileName)
    {
        private readonly PositionalCoords _coords = new();
        private double[] _block = PositionalCoords.NewBlock();
        private int _used;
        private long _line;
        private long _rows;
        private long _lastRowLine;
        private bool _headerSkipped;

        /// <summary>
        /// Parses whole lines: <paramref name="s"/> ends with a line terminator, and the memory after it holds at
        /// least <see cref="Slack"/> readable bytes (the fast path reads 8 bytes at a time).
        /// </summary>
        /// <remarks>Fully optimized from the first call: a layout is read once per process, so tiering would not catch up.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Parse(ReadOnlySpan<byte> s)
        {
            int p = 0;
            long line = _line;
            long rows = _rows;
            double[] block = _block;
            int used = _used;
            if (!_headerSkipped && s.Length > 0)
            {
                line++;
                p = NextLine(s, LineEnd(s, 0));
                _headerSkipped = true;
            }

            ref byte data = ref MemoryMarshal.GetReference(s);
            while (p < s.Length)
            {
                line++;
                int start = p;
                double x, y;

                // Fast path for the shape odgi writes: digits TAB X TAB Y [TAB digits] EOL, no stray whitespace.
                // Anything else goes to the slow path, which follows the reference's strip-and-split exactly.
                int q = p, n;
                do
                {
                    n = TsvNumber.DigitRun(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, q)));
                    q += n;
                }
                while (n == 8);
                if (q == p || Unsafe.Add(ref data, q) != (byte)'\t') goto Slow;
                q++;
                if (!TsvNumber.TryParse(ref data, ref q, out x) || Unsafe.Add(ref data, q) != (byte)'\t') goto Slow;
                q++;
                if (!TsvNumber.TryParse(ref data, ref q, out y)) goto Slow;
                byte b = Unsafe.Add(ref data, q);
                if (b == (byte)'\t')
                {
                    do b = Unsafe.Add(ref data, ++q);
                    while (b != (byte)'\n' && b != (byte)'\r' && q < s.Length);
                }
                if (b == (byte)'\n') p = q + 1;
                else if (b == (byte)'\r') p = q + 1 < s.Length && Unsafe.Add(ref data, q + 1) == (byte)'\n' ? q + 2 : q + 1;
                else goto Slow;
                if (p > s.Length) goto Slow;
                goto Store;

            Slow:
                int end = LineEnd(s, start);
                p = NextLine(s, end);
                if (!ParseRow(s[start..end], line, out x, out y)) continue;

            Store:
                if (used == PositionalCoords.BlockLength)
                {
                    _coords.Commit(block, used);
                    block = PositionalCoords.NewBlock();
                    used = 0;
                }
                block[used] = x;
                block[used + 1] = y;
                used += 2;
                rows++;
                _lastRowLine = line;
            }

            _line = line;
            _rows = rows;
            _block = block;
            _used = used;
        }

        public LayoutTable Finish()
        {
            if ((_rows & 1) != 0)
                BadInputException.Throw(fileName, _lastRowLine,
                    $"odd number of data rows ({_rows}): every segment needs two rows, one per end, and the last one has only one");
            if (_rows / 2 > int.MaxValue) BadInputException.Throw(fileName, null, $"too many rows ({_rows})");
            _coords.Commit(_block, _used);
            return new LayoutTable(fileName, LayoutFormat.OdgiTsv, _coords);
        }

        /// <summary>
        /// One row as the reference reads it: strip, split on tabs, X and Y are fields 2 and 3. Returns false for a
        /// blank line.
        /// </summary>
        private bool ParseRow(ReadOnlySpan<byte> rawLine, long line, out double x, out double y)
        {
            x = y = 0;
            ReadOnlySpan<byte> text = PythonFloat.TrimWhitespace(rawLine);
            if (text.IsEmpty) return false;
            int tab1 = text.IndexOf((byte)'\t');
            int tab2 = tab1 < 0 ? -1 : text[(tab1 + 1)..].IndexOf((byte)'\t');
            if (tab2 < 0)
                BadInputException.Throw(fileName, line, $"expected at least 3 tab-separated columns (idx, X, Y), got {LayoutErrors.Quote(text)}");
            tab2 += tab1 + 1;
            ReadOnlySpan<byte> xText = text[(tab1 + 1)..tab2];
            ReadOnlySpan<byte> rest = text[(tab2 + 1)..];
            int tab3 = rest.IndexOf((byte)'\t');
            ReadOnlySpan<byte> yText = tab3 < 0 ? rest : rest[..tab3];
            if (!PythonFloat.TryParse(xText, out x))
                BadInputException.Throw(fileName, line, $"X is not a finite number: {LayoutErrors.Quote(xText)}");
            if (!PythonFloat.TryParse(yText, out y))
                BadInputException.Throw(fileName, line, $"Y is not a finite number: {LayoutErrors.Quote(yText)}");
            return true;
        }

        /// <summary>Index of the terminator (LF or CR) of the line starting at <paramref name="start"/>.</summary>
        private static int LineEnd(ReadOnlySpan<byte> s, int start) => start + s[start..].IndexOfAny((byte)'\n', (byte)'\r');

        /// <summary>Start of the next line after the terminator at <paramref name="end"/> (a CRLF counts as one).</summary>
        private static int NextLine(ReadOnlySpan<byte> s, int end) =>
            s[end] == (byte)'\r' && end + 1 < s.Length && s[end + 1] == (byte)'\n' ? end + 2 : end + 1;
    }
}
