using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Layout.OdgiLay;

/// <summary>
/// Reads odgi's binary layout (<c>odgi layout -o x.lay</c>; pangyplot-reference.md §2.2): a little-endian double
/// <c>min_value</c>, then an sdsl <c>enc_vector</c> of the bit patterns of <c>coord − min_value</c>, four per segment
/// (x1, y1, x2, y2). Each coordinate is <c>bits-as-double + min_value</c>, computed as odgi computes it.
/// </summary>
/// <remarks>
/// The whole structure is checked: the value count, every code, the sample pointers and the closing entry must agree,
/// so a truncated or damaged file is a <see cref="BadInputException"/> rather than wrong coordinates. Bytes after the
/// enc_vector are ignored, as odgi ignores them.
/// </remarks>
public static class OdgiLayReader
{
    /// <summary>Reads a <c>.lay</c> from <paramref name="stream"/> (plain bytes: gzip is undone by <see cref="LayoutReader"/>).</summary>
    /// <param name="stream">The layout bytes; read once, front to back, not disposed.</param>
    /// <param name="fileName">The name used in error messages and kept on the table.</param>
    /// <param name="cancellationToken">Checked between chunks of the delta stream.</param>
    /// <exception cref="BadInputException">The file is empty, truncated or inconsistent.</exception>
    public static LayoutTable Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var (head, s) = Compression.InputStreams.Peek(stream, 3);
        if (head.Length == 0) BadInputException.Throw(fileName, null, "empty file: expected an odgi .lay");
        if (head is [0xEF, 0xBB, 0xBF])
            BadInputException.Throw(fileName, null, "starts with a UTF-8 byte-order mark, so it was taken for a binary odgi .lay; save a TSV or JSON layout without the mark");

        var input = new LayStreamReader(s, fileName);
        double min = input.ReadDouble("min_value");
        if (!double.IsFinite(min)) input.Fail($"min_value is {min}");
        PositionalCoords coords = SdslEncVector.Read(input, cancellationToken);

        long index = 0;
        for (int b = 0; b < coords.BlockCount; b++)
        {
            Span<double> block = coords.Block(b);
            Span<ulong> bits = MemoryMarshal.Cast<double, ulong>(block);
            for (int o = 0; o < block.Length; o++, index++)
            {
                double c = BitConverter.UInt64BitsToDouble(bits[o]) + min;
                if (!double.IsFinite(c)) input.Fail($"coordinate {index} (segment {index / 4}) is not a finite number");
                block[o] = c;
            }
        }
        return new LayoutTable(fileName, LayoutFormat.OdgiBinary, coords);
    }

    /// <summary>Reads a <c>.lay</c> file (plain; use <see cref="LayoutReader.ReadFile"/> for gzip and sniffing).</summary>
    /// <exception cref="BadInputException">See <see cref="Read"/>.</exception>
    public static LayoutTable ReadFile(string path, CancellationToken cancellationToken = default)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return Read(fs, path, cancellationToken);
    }
}
