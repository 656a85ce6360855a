using System.Buffers.Binary;

namespace Pangy.Core.Formats.Layout.OdgiLay;

/// <summary>
/// Writes odgi's binary layout (<c>.lay</c>), the only layout <c>odgi draw</c> reads, exactly as odgi's
/// <c>Layout::serialize</c> would for the same coordinates: <c>min_value</c> = the least coordinate, then the
/// enc_vector of the bit patterns of <c>coord − min_value</c> in the order x1, y1, x2, y2 per segment.
/// </summary>
/// <remarks>
/// Like odgi's own files, the format stores <c>coord − min_value</c>, so a coordinate reads back as
/// <c>(coord − min_value) + min_value</c>: the same double in most cases, otherwise one rounding away.
/// </remarks>
public static class OdgiLayWriter
{
    /// <summary>Writes <paramref name="segments"/>, in GFA S-line order, as a <c>.lay</c>.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static void Write(Stream stream, ReadOnlySpan<SegmentCoords> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        double min = double.MaxValue;
        foreach (ref readonly SegmentCoords s in segments)
        {
            CheckFinite(s);
            min = Math.Min(min, Math.Min(Math.Min(s.X1, s.Y1), Math.Min(s.X2, s.Y2)));
        }
        WriteCore(stream, new SpanValues(segments, segments.IsEmpty ? 0 : min), cancellationToken);
    }

    /// <summary>Writes a positional layout (read from any odgi layout) as a <c>.lay</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="layout"/> is keyed by id, not positional.</exception>
    public static void Write(Stream stream, LayoutTable layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(layout);
        PositionalCoords coords = layout.Positional
            ?? throw new ArgumentException($"{layout.FileName}: only a positional layout can be written as a .lay", nameof(layout));
        double min = double.MaxValue;
        for (int b = 0; b < coords.BlockCount; b++)
            foreach (double c in coords.Block(b)) min = Math.Min(min, c);
        WriteCore(stream, new TableValues(coords, coords.Length == 0 ? 0 : min), cancellationToken);
    }

    private static void WriteCore<TValues>(Stream stream, TValues values, CancellationToken cancellationToken)
        where TValues : ILayValues, allows ref struct
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(head, values.Min);
        stream.Write(head);
        SdslEncVector.Write(stream, values, cancellationToken);
    }

    private static void CheckFinite(in SegmentCoords s)
    {
        if (!double.IsFinite(s.X1) || !double.IsFinite(s.Y1) || !double.IsFinite(s.X2) || !double.IsFinite(s.Y2))
            throw new ArgumentException($"coordinates must be finite: {s}");
    }

    /// <summary>The values odgi stores: bits of <c>coord − min</c>, four per segment.</summary>
    private readonly ref struct SpanValues(ReadOnlySpan<SegmentCoords> segments, double min) : ILayValues
    {
        private readonly ReadOnlySpan<SegmentCoords> _segments = segments;
        public double Min => min;
        public long Count => 4L * _segments.Length;
        public ulong this[long index]
        {
            get
            {
                ref readonly SegmentCoords s = ref _segments[(int)(index >> 2)];
                double c = (index & 3) switch { 0 => s.X1, 1 => s.Y1, 2 => s.X2, _ => s.Y2 };
                return BitConverter.DoubleToUInt64Bits(c - min);
            }
        }
    }

    private readonly struct TableValues(PositionalCoords coords, double min) : ILayValues
    {
        public double Min => min;
        public long Count => coords.Length;
        public ulong this[long index]
        {
            get
            {
                double c = coords.Block((int)(index >> PositionalCoords.BlockShift))[(int)(index & (PositionalCoords.BlockLength - 1))];
                if (!double.IsFinite(c)) throw new ArgumentException($"coordinates must be finite: value {index} is {c}");
                return BitConverter.DoubleToUInt64Bits(c - min);
            }
        }
    }
}
