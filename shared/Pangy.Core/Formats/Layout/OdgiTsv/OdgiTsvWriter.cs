using Pangy.Core.Formats.Json;
using System.Buffers;
using System.Globalization;

namespace Pangy.Core.Formats.Layout.OdgiTsv;

/// <summary>
/// Writes a layout as odgi's TSV: the header <c>idx\tX\tY</c> (the form older odgi writes; readers ignore the
/// optional component column), then rows <c>2k</c> and <c>2k+1</c> holding segment k's start and end, LF line ends.
/// </summary>
/// <remarks>
/// Coordinates are written as the shortest text that reads back to the same double (as Python's <c>repr</c>), not
/// with odgi's 16 significant digits, so that writing and reading again loses nothing.
/// </remarks>
public static class OdgiTsvWriter
{
    private const int FlushAt = 1 << 16;

    /// <summary>Writes <paramref name="segments"/>, in GFA S-line order.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static void Write(Stream stream, ReadOnlySpan<SegmentCoords> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var output = Begin();
        for (int k = 0; k < segments.Length; k++) AppendSegment(stream, output, k, segments[k], cancellationToken);
        stream.Write(output.WrittenSpan);
    }

    /// <summary>Writes a positional layout (read from any odgi layout).</summary>
    /// <exception cref="ArgumentException"><paramref name="layout"/> is keyed by id, not positional.</exception>
    public static void Write(Stream stream, LayoutTable layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.Kind != LayoutKind.Positional)
            throw new ArgumentException($"{layout.FileName}: only a positional layout can be written as odgi TSV", nameof(layout));
        ArgumentNullException.ThrowIfNull(stream);
        var output = Begin();
        for (int k = 0; k < layout.Count; k++) AppendSegment(stream, output, k, layout.GetPositional(k), cancellationToken);
        stream.Write(output.WrittenSpan);
    }

    private static ArrayBufferWriter<byte> Begin()
    {
        var output = new ArrayBufferWriter<byte>(FlushAt + 256);
        output.Write("idx\tX\tY\n"u8);
        return output;
    }

    private static void AppendSegment(Stream stream, ArrayBufferWriter<byte> output, int k, in SegmentCoords s, CancellationToken cancellationToken)
    {
        AppendRow(output, 2L * k, s.X1, s.Y1);
        AppendRow(output, 2L * k + 1, s.X2, s.Y2);
        if (output.WrittenCount >= FlushAt)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(output.WrittenSpan);
            output.ResetWrittenCount();
        }
    }

    private static void AppendRow(ArrayBufferWriter<byte> output, long idx, double x, double y)
    {
        Span<byte> row = output.GetSpan(20 + 2 * PythonFloat.MaxReprLength + 3);
        idx.TryFormat(row, out int n, default, CultureInfo.InvariantCulture);
        row[n++] = (byte)'\t';
        n += Format(x, row[n..]);
        row[n++] = (byte)'\t';
        n += Format(y, row[n..]);
        row[n++] = (byte)'\n';
        output.Advance(n);
    }

    private static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"coordinates must be finite, got {value}");
        return PythonFloat.FormatRepr(value, destination);
    }
}
